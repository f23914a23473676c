#!/bin/sh
# Builds a root filesystem laid out like Alpine's minirootfs around a gobox
# binary: /bin/gobox plus one link per applet at its install path, /etc
# with the base account and system files, and the standard directories.
#   scripts/mkrootfs.sh GOBOX DIR [TARBALL]
# DIR is recreated. With TARBALL, a .tar.gz of DIR is written too (owned by
# root, numeric ids), as Alpine ships its minirootfs.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 GOBOX DIR [TARBALL]" >&2; exit 2; }
bin=$1 dir=$2 tarball=${3:-}

rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
mkdir -p bin sbin usr/bin usr/sbin usr/local/bin lib etc dev proc sys run \
	tmp root var/cache var/empty var/lib var/local var/lock var/log var/mail \
	var/opt var/run var/spool var/tmp home mnt opt srv media
chmod 1777 tmp var/tmp
chmod 700 root
cd - >/dev/null

cp "$bin" "$dir/bin/gobox"
chmod 755 "$dir/bin/gobox"

# One symlink per applet, relative so the tree works wherever it is
# mounted, as Alpine's busybox links do ("/bin/ls -> /bin/busybox").
"$dir/bin/gobox" --list-full | while read -r path; do
	case $path in bin/gobox) continue ;; esac
	depth=$(printf '%s' "$path" | tr -cd / | wc -c)
	up=
	i=0
	while [ "$i" -lt "$depth" ]; do up="../$up"; i=$((i + 1)); done
	mkdir -p "$dir/$(dirname "$path")"
	ln -sf "${up}bin/gobox" "$dir/$path"
done

e=$dir/etc
cat > "$e/passwd" <<'X'
root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
X
cat > "$e/group" <<'X'
root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin,adm
adm:x:4:root,adm,daemon
tty:x:5:
disk:x:6:root,adm
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
console:x:17:
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
X
# Every account locked: "*" can never match a password; root gets one
# set by whoever builds an image from this tree.
cut -d: -f1 "$e/passwd" | sed 's/$/:*::0:::::/; s/^root:\*::0/root:*::0/' > "$e/shadow"
chmod 640 "$e/shadow"
cat > "$e/hosts" <<'X'
127.0.0.1	localhost localhost.localdomain
::1		localhost localhost.localdomain
X
echo gobox > "$e/hostname"
cat > "$e/shells" <<'X'
# valid login shells
/bin/sh
/bin/ash
X
cat > "$e/profile" <<'X'
export CHARSET=UTF-8
export LANG=C.UTF-8
export LC_COLLATE=C
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PAGER=less
umask 022

for script in /etc/profile.d/*.sh ; do
	if [ -r "$script" ] ; then
		. "$script"
	fi
done
unset script
X
mkdir -p "$e/profile.d"
version=$("$dir/bin/gobox" --help 2>/dev/null | head -n 1 | awk '{print $2}')
cat > "$e/os-release" <<X
NAME="gobox Linux"
ID=gobox
ID_LIKE=alpine
VERSION_ID=${version:-dev}
PRETTY_NAME="gobox Linux ${version:-dev}"
HOME_URL="https://gobox.invalid/"
X
cat > "$e/motd" <<'X'
Welcome to gobox Linux!

The userland of this system is one static Go binary, /bin/gobox.
"gobox --list" shows its applets; "APPLET --help" shows how to use one.

X
: > "$e/fstab"

if [ -n "$tarball" ]; then
	tar --numeric-owner --owner=0 --group=0 -C "$dir" -czf "$tarball" .
fi
