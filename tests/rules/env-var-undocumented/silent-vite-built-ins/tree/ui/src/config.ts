// The destructuring read makes this file parsed: the query must skip Vite's built-ins too.
const { NODE_ENV } = process.env;

export const base: string = import.meta.env.BASE_URL;
export const production: boolean = import.meta.env.PROD && NODE_ENV === "production";
