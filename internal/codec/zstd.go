package codec

import (
	"errors"
	"io"

	"github.com/klauspost/compress/zstd"
)

// zstd reads and writes with klauspost/compress, the only serious pure-Go
// implementation (../shared/docs/dependencies.md).
var zstdCodec = Codec{
	Name:      "zstd",
	Magic:     []byte{0x28, 0xb5, 0x2f, 0xfd},
	Suffixes:  []string{"zst"},
	NewReader: newZstdReader,
	NewWriter: newZstdWriter,
}

// ZstdMaxWindow is the largest window a frame may ask for: the zstd CLI's
// default memory limit (ZSTD_WINDOWLOG_LIMIT_DEFAULT, 128 MiB), so a
// hostile frame cannot make the decoder allocate more than that.
const ZstdMaxWindow = 128 << 20

// NewZstdDecoder starts decoding r: every frame to the end, skippable
// frames skipped, checksums verified, no window above maxWindow
// (0: ZstdMaxWindow). Its errors are the library's, or those of r
// (marked); ZstdErr words them.
func NewZstdDecoder(r io.Reader, maxWindow uint64) (*zstd.Decoder, error) {
	if maxWindow == 0 {
		maxWindow = ZstdMaxWindow
	}
	return zstd.NewReader(zstdInput{r},
		zstd.WithDecoderMaxWindow(max(maxWindow, zstd.MinWindowSize)),
		zstd.WithDecoderMaxMemory(max(maxWindow, zstd.MinWindowSize)),
		zstd.WithDecoderLowmem(true),
		// Decoded in the caller's goroutine: a goroutine decoding one
		// block ahead cost more in hand-offs than it won (256 MiB: 0.26
		// s CPU and 10 MB peak against 0.19 s and 6 MB in-line).
		zstd.WithDecoderConcurrency(1))
}

// NewZstdEncoder starts a zstd frame into w at the zstd CLI's level
// (1-19; 0: 3), with a checksum, compressing on up to threads goroutines
// (0: one per CPU; 1: none beside the caller's);
// opts come after gobox's choices.
func NewZstdEncoder(w io.Writer, level, threads int, opts ...zstd.EOption) (*zstd.Encoder, error) {
	if level == 0 {
		level = 3
	}
	all := []zstd.EOption{
		zstd.WithEncoderLevel(zstd.EncoderLevelFromZstd(level)),
		zstd.WithEncoderConcurrency(threads),
	}
	if threads != 1 {
		// Split the input into jobs compressed side by side, as zstd -T
		// does; the frame stays one frame.
		all = append(all, zstd.WithConcurrentBlocks(true))
	}
	return zstd.NewWriter(w, append(all, opts...)...)
}

// Words for damaged zstd input: the zstd CLI's (ZSTD_getErrorName's and
// fileio.c's).
const (
	ZstdErrFormat    = Error("unsupported format")
	ZstdErrHeader    = Error("unknown header")
	ZstdErrEOF       = Error("premature end")
	ZstdErrChecksum  = Error("Restored data doesn't match checksum")
	ZstdErrMemory    = Error("Frame requires too much memory for decoding")
	ZstdErrCorrupted = Error("Data corruption detected")
)

// ZstdErr words a decoder's error: damaged input as an Error, other
// errors (of the reader underneath) as they are.
func ZstdErr(err error) error {
	var ce Error
	switch {
	case err == nil, err == io.EOF, errors.As(err, &ce):
		return err
	case errors.Is(err, zstd.ErrMagicMismatch):
		return ZstdErrFormat
	case errors.Is(err, io.ErrUnexpectedEOF):
		return ZstdErrEOF
	case errors.Is(err, zstd.ErrCRCMismatch):
		return ZstdErrChecksum
	case errors.Is(err, zstd.ErrWindowSizeExceeded), errors.Is(err, zstd.ErrDecoderSizeExceeded):
		return ZstdErrMemory
	case errors.Is(err, zstd.ErrUnknownDictionary):
		return Error("Dictionary mismatch")
	}
	var re *zstdInputErr
	if errors.As(err, &re) {
		return re.err
	}
	// Whatever else the decoder says is about the data.
	return ZstdErrCorrupted
}

// zstdInput marks the errors of the reader under a decoder, so that
// ZstdErr tells them from the decoder's complaints about the data.
type zstdInput struct{ r io.Reader }

func (z zstdInput) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	if err != nil && err != io.EOF {
		err = &zstdInputErr{err}
	}
	return n, err
}

// zstdInputErr is an error of the reader under a decoder.
type zstdInputErr struct{ err error }

func (e *zstdInputErr) Error() string { return e.err.Error() }
func (e *zstdInputErr) Unwrap() error { return e.err }

func newZstdReader(r io.Reader) (io.ReadCloser, error) {
	d, err := NewZstdDecoder(r, 0)
	if err != nil {
		return nil, ZstdErr(err)
	}
	return &zstdReader{d}, nil
}

// zstdReader turns the decoder's errors into Errors.
type zstdReader struct{ d *zstd.Decoder }

func (z *zstdReader) Read(p []byte) (int, error) {
	n, err := z.d.Read(p)
	return n, ZstdErr(err)
}

func (z *zstdReader) Close() error {
	z.d.Close()
	return nil
}

func newZstdWriter(w io.Writer, level int) (io.WriteCloser, error) {
	return NewZstdEncoder(w, level, 0)
}
