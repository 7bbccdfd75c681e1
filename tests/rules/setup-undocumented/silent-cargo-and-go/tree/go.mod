module example.com/x

go 1.22

toolchain go1.22.3
