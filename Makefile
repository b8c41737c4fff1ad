# The two commands of the README: `make demo` builds the sample museum's
# pamphlets into output/, `make test` runs every test.
GO ?= go

.PHONY: demo test bench vet fmt build clean

demo:
	$(GO) run ./cmd/pamphlet build

build:
	$(GO) build -o pamphlet ./cmd/pamphlet

# The race detector covers internal/, where the parallel build and the
# shared font bytes live; it needs cgo (a C compiler).
test: vet
	$(GO) test ./...
	$(GO) test -race ./internal/...

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
