package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestCIWorkflow: docs/ci/github-actions.yml is valid YAML with the shape
// of a GitHub Actions workflow, and every pamphlet command it runs exists
// with the flags it passes.
func TestCIWorkflow(t *testing.T) {
	data, err := os.ReadFile("../../docs/ci/github-actions.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On   map[string]any `yaml:"on"`
		Name string         `yaml:"name"`
		Jobs map[string]struct {
			RunsOn   string `yaml:"runs-on"`
			Needs    any    `yaml:"needs"`
			Strategy struct {
				FailFast bool             `yaml:"fail-fast"`
				Matrix   map[string][]any `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []struct {
				Name string            `yaml:"name"`
				Run  string            `yaml:"run"`
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
				Env  map[string]string `yaml:"env"`
				If   string            `yaml:"if"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&wf); err != nil {
		t.Fatalf("docs/ci/github-actions.yml: %v", err)
	}
	if _, ok := wf.On["push"]; !ok {
		t.Error("the workflow does not run on push")
	}
	if got := wf.Jobs["build"].Strategy.Matrix["shard"]; len(got) < 2 {
		t.Errorf("the build job has no matrix of shards: %v", got)
	}
	var commands int
	for name, job := range wf.Jobs {
		for _, step := range job.Steps {
			for _, line := range strings.Split(step.Run, "\n") {
				line = strings.TrimSpace(line)
				if !strings.HasPrefix(line, "pamphlet ") {
					continue
				}
				commands++
				line = strings.ReplaceAll(line, "${{ matrix.shard }}", "1")
				args := strings.Fields(line)[1:]
				root := newRootCmd(&bytes.Buffer{}, &bytes.Buffer{})
				cmd, rest, err := root.Find(args)
				if err != nil || cmd == root {
					t.Errorf("job %s: %q: no such command (%v)", name, line, err)
					continue
				}
				if err := cmd.ParseFlags(rest); err != nil {
					t.Errorf("job %s: %q: %v", name, line, err)
				}
			}
		}
	}
	if commands < 3 {
		t.Errorf("only %d pamphlet commands found in the workflow", commands)
	}
	if !strings.Contains(string(data), "--strict") || !strings.Contains(string(data), "upload-artifact") {
		t.Error("the workflow must fail on --strict and upload the PDFs as artifacts")
	}
}
