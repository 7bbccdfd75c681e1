def test_install_cmake_package(script, data):
    result = script.pip("install", data.src / "cmake-package")
    assert "Successfully installed" in result.stdout
