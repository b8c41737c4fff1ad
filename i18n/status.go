package i18n

import "strings"

// Status says how a message of one language relates to its source.
type Status string

const (
	// Translated: the translation was made from the current source text.
	Translated Status = "translated"
	// Stale: the source text changed after the translation was made. It is
	// kept and flagged, never deleted.
	Stale Status = "stale"
	// Unverified: the translation records no hash of the source it was
	// made from: it was imported (written by hand, or brought from another
	// tool). It is printed as it is; `pamphlet adopt` records its hash
	// once a reviewer has read it. Nothing says its source changed.
	Unverified Status = "unverified"
	// Missing: the language has no text for the message.
	Missing Status = "missing"
	// Identical: the translation is the source text itself, which is
	// usually a copy-paste mistake unless allowed.
	Identical Status = "identical-to-source"
)

// StatusOf compares a translation with the source message it translates.
func StatusOf(source, translation *Message) Status {
	if translation == nil || strings.TrimSpace(translation.Text()) == "" {
		return Missing
	}
	if translation.Hash == "" {
		if translation.Text() == source.Text() {
			return Identical
		}
		return Unverified
	}
	if translation.Hash != SourceHash(source) {
		return Stale
	}
	if translation.Text() == source.Text() {
		return Identical
	}
	return Translated
}
