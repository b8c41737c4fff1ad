package qa

import "golang.org/x/text/language"

func mustTag(s string) language.Tag { return language.MustParse(s) }
