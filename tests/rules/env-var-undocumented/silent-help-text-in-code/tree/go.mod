module example.com/acme/clip

go 1.22
