module.exports = { title: "Docs" };
