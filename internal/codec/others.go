package codec

// The formats whose readers and writers are still to come: named here
// so that tar detects them and says so.
var (
	xzCodec = Codec{
		Name:     "xz",
		Magic:    []byte("\xfd7zXZ\x00"),
		Suffixes: []string{"xz"},
	}
	lzmaCodec = Codec{
		Name:     "lzma",
		Suffixes: []string{"lzma"},
	}
	zstdCodec = Codec{
		Name:     "zstd",
		Magic:    []byte{0x28, 0xb5, 0x2f, 0xfd},
		Suffixes: []string{"zst"},
	}
	compressCodec = Codec{
		Name:  "compress",
		Magic: []byte{0x1f, 0x9d},
	}
)
