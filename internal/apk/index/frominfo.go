package index

import "gobox/internal/apk/pkginfo"

// FromInfo is the index entry of a package file: its .PKGINFO, its
// identity (checksum) and the size of the file, as apk index and apk
// add FILE.apk record it.
func FromInfo(in *pkginfo.Info, checksum string, size int64) *Package {
	return &Package{
		Checksum:         checksum,
		Name:             in.Name,
		Version:          in.Version,
		Arch:             in.Arch,
		Size:             size,
		InstalledSize:    in.Size,
		Description:      in.Description,
		URL:              in.URL,
		License:          in.License,
		Origin:           in.Origin,
		Maintainer:       in.Maintainer,
		BuildTime:        in.BuildDate,
		Commit:           in.Commit,
		ProviderPriority: in.ProviderPriority,
		Depends:          append([]string(nil), in.Depends...),
		Provides:         append([]string(nil), in.Provides...),
		InstallIf:        append([]string(nil), in.InstallIf...),
	}
}
