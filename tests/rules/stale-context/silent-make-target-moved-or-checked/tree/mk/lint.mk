lint-go:
	golangci-lint run
