rootProject.name = "demo"
include("module-tests")
