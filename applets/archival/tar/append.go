package tar

import (
	"errors"
	"io"
	"os"

	"gobox/internal/applet"
	"gobox/internal/tarfmt"
)

// appendTo adds the accept list at the end of an uncompressed archive
// file (GNU tar's -r), creating it if it is not there: the new entries
// replace the end blocks.
func (t *tar) appendTo() error {
	if len(t.accept) == 0 {
		return applet.Errorf("empty archive")
	}
	if t.file == "-" {
		return applet.Errorf("can't append to standard output")
	}
	if t.codec != nil || t.auto {
		return applet.Errorf("can't append to a compressed archive")
	}
	f, err := os.OpenFile(t.ctx.Path(t.file), os.O_RDWR|os.O_CREATE, 0o666&^t.ctx.Umask)
	if err != nil {
		return applet.Perror(err, "can't open '%s'", t.file)
	}
	defer f.Close()
	var head [2]byte
	if n, _ := f.ReadAt(head[:], 0); n == 2 && (head[0] == 0x1f && head[1] == 0x8b) {
		return applet.Errorf("can't append to a compressed archive")
	}
	end, err := t.archiveEnd(f)
	if err != nil {
		return err
	}
	if _, err := f.Seek(end, io.SeekStart); err != nil {
		return applet.Perror(err, "can't seek in '%s'", t.file)
	}
	if err := f.Truncate(end); err != nil {
		return applet.Perror(err, "can't truncate '%s'", t.file)
	}
	if err := t.checkDir(); err != nil {
		return err
	}
	return t.writeArchive(f, f, func(c *creator) {
		for i := range t.accept {
			c.add(t.accept[i].pat)
		}
	})
}

// archiveEnd reads f's entries to find where its end blocks begin; an
// empty file has its end at 0.
func (t *tar) archiveEnd(f *os.File) (int64, error) {
	fi, err := f.Stat()
	if err != nil {
		return 0, applet.Perror(err, "can't stat '%s'", t.file)
	}
	if fi.Size() == 0 {
		return 0, nil
	}
	tr := tarfmt.NewReader(f)
	for {
		_, err := tr.Next()
		if err == io.EOF {
			return tr.EndOffset(), nil
		}
		if err != nil {
			r := &reader{t: t, tr: tr}
			if errors.Is(err, tarfmt.ErrShortRead) && tr.Headers() == 0 {
				return 0, nil
			}
			return 0, r.readError(err)
		}
	}
}
