package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"pamphlet/internal/editor"
)

// openBrowser opens url in the desktop's browser; tests replace it.
var openBrowser = func(u string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", u)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
	default:
		if _, err := exec.LookPath("xdg-open"); err != nil {
			return err
		}
		cmd = exec.Command("xdg-open", u)
	}
	return cmd.Start()
}

func newEditCmd(stdout, stderr io.Writer) *cobra.Command {
	var museumDir, lang string
	var port int
	var noOpen bool
	cmd := &cobra.Command{
		Use:   "edit",
		Short: "Translate in your browser: a local page with each text, its checks and its panel as printed",
		Long: `Edit starts a web page on this computer (127.0.0.1 only, never the network)
where you translate the museum's texts one by one: the source text, a
pivot language, the curator's note and where it prints, the checks of
pamphlet check as you type, and beside it the panel as it will print.

Saving a text writes it into locales/LANG.toml the way pamphlet merge
does: only that message changes, atomically, under the museum's lock; a
text someone else changed meanwhile is never overwritten. The address
printed carries a secret token: only whoever has it can use the page.
Ctrl-C stops the server. Without --museum the embedded sample is shown
read-only.`,
		Example: `  pamphlet edit --museum my-museum --lang pl
  pamphlet edit --museum . --port 8421 --no-open`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if port < 0 || port > 65535 {
				return usageError{fmt.Errorf("--port %d: a port is a number from 1 to 65535 (0: any free port)", port)}
			}
			if lang != "" {
				if _, err := language.Parse(lang); err != nil {
					return usageError{fmt.Errorf("--lang %q is not a language tag (pl, pt-BR, zh-Hans)", lang)}
				}
			}
			srv, err := editor.New(museumDir)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
			if err != nil {
				return fmt.Errorf("cannot listen on 127.0.0.1:%d: %w (choose another --port, or 0 for any free one)", port, err)
			}
			port = ln.Addr().(*net.TCPAddr).Port
			u := fmt.Sprintf("http://127.0.0.1:%d/?token=%s", port, srv.Token())
			if lang != "" {
				u += "#lang=" + url.QueryEscape(lang)
			}
			if srv.ReadOnly() {
				fmt.Fprintln(stdout, "the embedded sample museum, read-only: to translate, copy it (pamphlet init DIR) and run pamphlet edit --museum DIR")
			} else {
				fmt.Fprintf(stdout, "editing %s\n", srv.Name())
			}
			fmt.Fprintf(stdout, "open %s\n", u)
			fmt.Fprintln(stdout, "press Ctrl-C to stop")
			if !noOpen {
				if err := openBrowser(u); err != nil {
					fmt.Fprintln(stderr, "pamphlet: no browser to open: open the address above yourself")
				}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			hs := &http.Server{Handler: srv.Handler(port), ReadHeaderTimeout: 10 * time.Second}
			done := make(chan error, 1)
			go func() { done <- hs.Serve(ln) }()
			select {
			case err := <-done:
				return err
			case <-ctx.Done():
			}
			// Let a save in flight finish; saves are atomic and under the
			// museum's lock, so even a forced stop leaves every catalog whole.
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err = hs.Shutdown(sctx)
			if errors.Is(<-done, http.ErrServerClosed) && err == nil {
				fmt.Fprintln(stdout, "stopped")
			}
			return err
		},
	}
	cmd.Flags().StringVar(&museumDir, "museum", "", "museum directory to edit (without it: the embedded sample, read-only)")
	cmd.Flags().StringVar(&lang, "lang", "", "language to open first (a new one is started on the first save)")
	cmd.Flags().IntVar(&port, "port", 0, "port on 127.0.0.1 (0: any free port)")
	cmd.Flags().BoolVar(&noOpen, "no-open", false, "print the address only, do not open a browser")
	return cmd
}
