package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"pamphlet/internal/pdftest"
)

// chromium is Debian's browser; nothing here ever downloads one.
const chromium = "/usr/bin/chromium"

// TestEditorInBrowser drives the editor in a real browser, as a
// volunteer would: `pamphlet edit` on a copy of the sample with no
// Polish, Polish started, a panel translated and saved with Ctrl+Enter,
// a broken placeholder flagged as it is typed, fixed, saved; then Ctrl-C,
// and pamphlet status and the built PDF show the new text.
//
// PAMPHLET_SCREENSHOTS=DIR also writes the page in Polish, Hebrew and
// Japanese there as PNGs, to look at.
func TestEditorInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI and runs a browser")
	}
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: %v: CI must run the browser test (.ci/run installs chromium)", chromium, err)
		}
		t.Skipf("TestEditorInBrowser: %s not installed (apt-get install chromium)", chromium)
	}
	bin := filepath.Join(t.TempDir(), "pamphlet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := copySample(t)
	ownCount(t, dir)
	if err := os.Remove(filepath.Join(dir, "locales", "pl.toml")); err != nil {
		t.Fatal(err)
	}

	// pamphlet edit, as a volunteer starts it.
	ed := exec.Command(bin, "edit", "--museum", dir, "--no-open", "--lang", "pl")
	stdout, err := ed.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	ed.Stderr = os.Stderr
	if err := ed.Start(); err != nil {
		t.Fatal(err)
	}
	defer ed.Process.Kill()
	lines := bufio.NewScanner(stdout)
	var addr string
	var printed []string
	for addr == "" && lines.Scan() {
		printed = append(printed, lines.Text())
		if u, ok := strings.CutPrefix(lines.Text(), "open "); ok {
			addr = u
		}
	}
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32}#lang=pl$`).MatchString(addr) {
		t.Fatalf("pamphlet edit printed %q", printed)
	}
	rest := make(chan string)
	go func() {
		b, _ := io.ReadAll(stdout)
		rest <- string(b)
	}()

	// The browser's profile: empty, and removed once the browser's last
	// helper process has let go of it (t.TempDir would fail the test on
	// a file written during clean-up).
	profile, err := os.MkdirTemp("", "pamphlet-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1500, 950),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()

	const (
		panel  = `section[data-id="floor1.cell2.calendar.body"]`
		plural = `section[data-id="ui.panel_count"]`
	)
	const text = "Na ścianie celi więzień wydrapał kalendarz dni swojego uwięzienia."
	var banner, preview, finding string
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	ctrlEnter := chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(input.ModifierCtrl))
	run("open the editor",
		chromedp.Navigate(addr),
		chromedp.WaitVisible(panel+" textarea"),
		chromedp.Text("#banner", &banner),
	)
	if !strings.Contains(banner, "locales/pl.toml will be created") {
		t.Errorf("banner for a new language: %q", banner)
	}
	run("translate a panel",
		chromedp.Click(panel+" textarea"),
		chromedp.SendKeys(panel+" textarea", text),
		chromedp.WaitVisible(`#pages svg.page`),
		chromedp.Poll(`document.querySelector("#pages").innerHTML.includes("kalendarz")`, nil),
		chromedp.OuterHTML("#pages", &preview),
	)
	if !strings.Contains(preview, "pf-dejavu") {
		t.Errorf("the preview does not draw in the museum's fonts: %.300s", preview)
	}
	shoot(t, ctx, "editor-pl.png")
	run("save with Ctrl+Enter",
		ctrlEnter,
		chromedp.WaitVisible(panel+" .badge.s-translated"),
	)
	// A broken placeholder is flagged while typing, then fixed.
	forms := []struct{ form, text string }{{"one", "{{.Liczba}} plansza"}, {"few", "{{.Count}} plansze"}, {"many", "{{.Count}} plansz"}, {"other", "{{.Count}} planszy"}}
	for _, f := range forms {
		run("type the "+f.form+" form", chromedp.SendKeys(plural+` textarea[data-form="`+f.form+`"]`, f.text))
	}
	run("see the check",
		chromedp.WaitVisible(plural+" .findings li.error"),
		chromedp.Text(plural+" .findings", &finding),
	)
	if !strings.Contains(finding, "[placeholders]") || !strings.Contains(finding, "{{.Liczba}}") {
		t.Errorf("finding: %q", finding)
	}
	run("fix it and save",
		chromedp.Click(plural+` textarea[data-form="one"]`),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.SendKeys(plural+` textarea[data-form="one"]`, "{{.Count}} plansza"),
		chromedp.WaitNotPresent(plural+" .findings li.error"),
		ctrlEnter,
		chromedp.WaitVisible(plural+" .badge.s-translated"),
	)
	if dir := os.Getenv("PAMPHLET_SCREENSHOTS"); dir != "" {
		for _, lang := range []string{"he", "ja"} {
			run("open "+lang,
				chromedp.Navigate(strings.Replace(addr, "#lang=pl", "#lang="+lang, 1)),
				chromedp.Reload(),
				chromedp.WaitVisible(panel+" textarea"),
				chromedp.Click(panel+" textarea"),
				chromedp.WaitVisible(`#pages svg.page`),
				chromedp.Sleep(500*time.Millisecond), // the fonts
			)
			shoot(t, ctx, "editor-"+lang+".png")
		}
	}

	// Ctrl-C stops the server cleanly.
	if err := ed.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	out := <-rest
	if err := ed.Wait(); err != nil || !strings.Contains(out, "stopped") {
		t.Errorf("after Ctrl-C: %v, %q", err, out)
	}

	rep := statusJSON(t, "--museum", dir, "--lang", "pl")
	if len(rep.Languages) != 1 || rep.Languages[0].Total.Translated != 2 {
		t.Fatalf("status: %+v", rep.Languages)
	}
	for _, e := range rep.Languages[0].Todo {
		if e.ID == "floor1.cell2.calendar.body" || e.ID == "ui.panel_count" {
			t.Errorf("still to do: %+v", e)
		}
	}
	pdfs := filepath.Join(t.TempDir(), "out")
	mustRun(t, "build", "--museum", dir, "--lang", "pl", "--floor", "floor1", "--missing", "source", "--out", pdfs)
	got := strings.Join(strings.Fields(pdftest.Text(t, filepath.Join(pdfs, "pl", "floor1.pdf"))), " ")
	if !strings.Contains(got, "wydrapał kalendarz") || !strings.Contains(got, "plansz") {
		t.Errorf("the built PDF lacks the new texts:\n%s", got)
	}
}

// shoot writes the browser's viewport to $PAMPHLET_SCREENSHOTS/name.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("PAMPHLET_SCREENSHOTS")
	if dir == "" {
		return
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.Sleep(300*time.Millisecond), chromedp.CaptureScreenshot(&png)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
