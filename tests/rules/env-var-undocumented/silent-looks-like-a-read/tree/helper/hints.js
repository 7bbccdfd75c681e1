// process.env.IN_A_JS_COMMENT
const hint = "process.env.IN_A_JS_STRING";
module.exports = { hint };
