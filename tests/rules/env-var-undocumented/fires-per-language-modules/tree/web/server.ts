const port = process.env.WEB_PORT || 3000;
const { SESSION_SECRET } = process.env;
export { port, SESSION_SECRET };
