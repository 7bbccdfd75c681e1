lint:
	golangci-lint run
