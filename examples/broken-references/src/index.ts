export { draw } from "./draw/canvas";
