package integration

import (
	"os"
	"testing"
)

func dockerEndpoint(t *testing.T) string {
	host := os.Getenv("DOCKER_HOST")
	if host == "" {
		host = "unix:///var/run/docker.sock"
	}
	if os.Getenv("DOCKER_TLS_VERIFY") != "" {
		t.Logf("TLS certificates from %s", os.Getenv("DOCKER_CERT_PATH"))
	}
	return host + "/" + os.Getenv("COMPOSE_PROJECT_NAME")
}

func TestProxy(t *testing.T) {
	if dockerEndpoint(t) == "" {
		t.Fatal("no docker endpoint")
	}
}
