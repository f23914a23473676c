module gobox

go 1.26.0

require golang.org/x/sys v0.50.0

require github.com/creack/pty v1.1.24

require (
	github.com/klauspost/compress v1.20.4
	github.com/ulikunitz/xz v0.5.17
	golang.org/x/crypto/x509roots/fallback v0.0.0-20261030153154-30a33513ff6d
)
