package calc

import (
	"compress/gzip"
	"io"
)

func gzipWriter(w io.Writer) *gzip.Writer {
	z, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	return z
}
