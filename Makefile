# The two commands of the README: `make demo` builds the sample museum's
# pamphlets into output/, `make test` runs every test.
GO ?= go

.PHONY: demo test bench vet fmt build clean

demo:
	$(GO) run ./cmd/pamphlet build

build:
	$(GO) build -o pamphlet ./cmd/pamphlet

# The race detector covers internal/, where the parallel build and the
# shared font bytes live. It needs cgo, so a machine with Go alone and no C
# compiler skips it, saying so; in CI (CI=true) a missing compiler fails.
test: vet
	$(GO) test ./...
	@if command -v "$$($(GO) env CC)" >/dev/null 2>&1; then \
		echo "$(GO) test -race ./internal/..."; $(GO) test -race ./internal/...; \
	elif [ "$$CI" = true ]; then echo "go test -race needs a C compiler: CI must install gcc (see .ci/run)"; exit 1; \
	else echo "skipping go test -race ./internal/...: it needs a C compiler (cgo)"; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

fmt:
	gofmt -w .

clean:
	rm -rf output pamphlet
