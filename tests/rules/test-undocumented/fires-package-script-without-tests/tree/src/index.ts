export const style = 1;
