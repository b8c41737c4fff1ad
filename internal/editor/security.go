package editor

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strconv"
)

// cookieName carries the token after the first page load. It names the
// port: cookies are not kept apart by port, and two sessions on one
// machine must not overwrite each other's.
func cookieName(port int) string { return "pamphlet-edit-" + strconv.Itoa(port) }

// guard wraps the routes in the session's defences, outermost first:
//
//   - the Host header must be 127.0.0.1:PORT or localhost:PORT, so a page
//     of another site whose name an attacker points at 127.0.0.1 (DNS
//     rebinding) gets nothing;
//   - the token, from ?token= (then kept in a SameSite=Strict cookie) or
//     the cookie, so no other local program or page can use the editor;
//   - net/http.CrossOriginProtection on every state-changing request,
//     refusing a form or fetch posted from another origin;
//   - every body capped at MaxBody.
func (s *Server) guard(port int, next http.Handler) http.Handler {
	hosts := map[string]bool{
		net.JoinHostPort("127.0.0.1", strconv.Itoa(port)): true,
		net.JoinHostPort("localhost", strconv.Itoa(port)): true,
	}
	cop := http.NewCrossOriginProtection()
	protected := cop.Handler(next)
	name := cookieName(port)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; frame-ancestors 'none'; object-src 'self'")
		if !hosts[r.Host] {
			http.Error(w, "pamphlet edit: wrong Host header: open the address pamphlet edit printed", http.StatusMisdirectedRequest)
			return
		}
		given := r.URL.Query().Get("token")
		fromQuery := given != ""
		if !fromQuery {
			if c, err := r.Cookie(name); err == nil {
				given = c.Value
			}
		}
		if subtle.ConstantTimeCompare([]byte(given), []byte(s.token)) != 1 {
			http.Error(w, "pamphlet edit: this address needs the token pamphlet edit printed (open the whole address it printed)", http.StatusForbidden)
			return
		}
		if fromQuery {
			http.SetCookie(w, &http.Cookie{Name: name, Value: s.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		}
		protected.ServeHTTP(w, r)
	})
}
