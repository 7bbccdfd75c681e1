require("../lib/m1")
