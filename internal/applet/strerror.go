package applet

import (
	"syscall"
)

// Strerror returns musl's text for errno, the words Alpine's BusyBox
// prints ("I/O error", "Symbolic link loop", "Not a tty"), where Go's
// differ ("input/output error", ...). A switch, not a table: no code runs
// at start-up.
func Strerror(errno syscall.Errno) string {
	switch errno {
	case 0:
		return "No error information"
	case syscall.EILSEQ:
		return "Illegal byte sequence"
	case syscall.EDOM:
		return "Domain error"
	case syscall.ERANGE:
		return "Result not representable"
	case syscall.ENOTTY:
		return "Not a tty"
	case syscall.EACCES:
		return "Permission denied"
	case syscall.EPERM:
		return "Operation not permitted"
	case syscall.ENOENT:
		return "No such file or directory"
	case syscall.ESRCH:
		return "No such process"
	case syscall.EEXIST:
		return "File exists"
	case syscall.EOVERFLOW:
		return "Value too large for data type"
	case syscall.ENOSPC:
		return "No space left on device"
	case syscall.ENOMEM:
		return "Out of memory"
	case syscall.EBUSY:
		return "Resource busy"
	case syscall.EINTR:
		return "Interrupted system call"
	case syscall.EAGAIN:
		return "Resource temporarily unavailable"
	case syscall.ESPIPE:
		return "Invalid seek"
	case syscall.EXDEV:
		return "Cross-device link"
	case syscall.EROFS:
		return "Read-only file system"
	case syscall.ENOTEMPTY:
		return "Directory not empty"
	case syscall.ECONNRESET:
		return "Connection reset by peer"
	case syscall.ETIMEDOUT:
		return "Operation timed out"
	case syscall.ECONNREFUSED:
		return "Connection refused"
	case syscall.EHOSTDOWN:
		return "Host is down"
	case syscall.EHOSTUNREACH:
		return "Host is unreachable"
	case syscall.EADDRINUSE:
		return "Address in use"
	case syscall.EPIPE:
		return "Broken pipe"
	case syscall.EIO:
		return "I/O error"
	case syscall.ENXIO:
		return "No such device or address"
	case syscall.ENOTBLK:
		return "Block device required"
	case syscall.ENODEV:
		return "No such device"
	case syscall.ENOTDIR:
		return "Not a directory"
	case syscall.EISDIR:
		return "Is a directory"
	case syscall.ETXTBSY:
		return "Text file busy"
	case syscall.ENOEXEC:
		return "Exec format error"
	case syscall.EINVAL:
		return "Invalid argument"
	case syscall.E2BIG:
		return "Argument list too long"
	case syscall.ELOOP:
		return "Symbolic link loop"
	case syscall.ENAMETOOLONG:
		return "Filename too long"
	case syscall.ENFILE:
		return "Too many open files in system"
	case syscall.EMFILE:
		return "No file descriptors available"
	case syscall.EBADF:
		return "Bad file descriptor"
	case syscall.ECHILD:
		return "No child process"
	case syscall.EFAULT:
		return "Bad address"
	case syscall.EFBIG:
		return "File too large"
	case syscall.EMLINK:
		return "Too many links"
	case syscall.ENOLCK:
		return "No locks available"
	case syscall.EDEADLK:
		return "Resource deadlock would occur"
	case syscall.ENOTRECOVERABLE:
		return "State not recoverable"
	case syscall.EOWNERDEAD:
		return "Previous owner died"
	case syscall.ECANCELED:
		return "Operation canceled"
	case syscall.ENOSYS:
		return "Function not implemented"
	case syscall.ENOMSG:
		return "No message of desired type"
	case syscall.EIDRM:
		return "Identifier removed"
	case syscall.ENOSTR:
		return "Device not a stream"
	case syscall.ENODATA:
		return "No data available"
	case syscall.ETIME:
		return "Device timeout"
	case syscall.ENOSR:
		return "Out of streams resources"
	case syscall.ENOLINK:
		return "Link has been severed"
	case syscall.EPROTO:
		return "Protocol error"
	case syscall.EBADMSG:
		return "Bad message"
	case syscall.EBADFD:
		return "File descriptor in bad state"
	case syscall.ENOTSOCK:
		return "Not a socket"
	case syscall.EDESTADDRREQ:
		return "Destination address required"
	case syscall.EMSGSIZE:
		return "Message too large"
	case syscall.EPROTOTYPE:
		return "Protocol wrong type for socket"
	case syscall.ENOPROTOOPT:
		return "Protocol not available"
	case syscall.EPROTONOSUPPORT:
		return "Protocol not supported"
	case syscall.ESOCKTNOSUPPORT:
		return "Socket type not supported"
	case syscall.ENOTSUP:
		return "Not supported"
	case syscall.EPFNOSUPPORT:
		return "Protocol family not supported"
	case syscall.EAFNOSUPPORT:
		return "Address family not supported by protocol"
	case syscall.EADDRNOTAVAIL:
		return "Address not available"
	case syscall.ENETDOWN:
		return "Network is down"
	case syscall.ENETUNREACH:
		return "Network unreachable"
	case syscall.ENETRESET:
		return "Connection reset by network"
	case syscall.ECONNABORTED:
		return "Connection aborted"
	case syscall.ENOBUFS:
		return "No buffer space available"
	case syscall.EISCONN:
		return "Socket is connected"
	case syscall.ENOTCONN:
		return "Socket not connected"
	case syscall.ESHUTDOWN:
		return "Cannot send after socket shutdown"
	case syscall.EALREADY:
		return "Operation already in progress"
	case syscall.EINPROGRESS:
		return "Operation in progress"
	case syscall.ESTALE:
		return "Stale file handle"
	case syscall.EREMOTEIO:
		return "Remote I/O error"
	case syscall.EDQUOT:
		return "Quota exceeded"
	case syscall.ENOMEDIUM:
		return "No medium found"
	case syscall.EMEDIUMTYPE:
		return "Wrong medium type"
	case syscall.EMULTIHOP:
		return "Multihop attempted"
	case syscall.ENOKEY:
		return "Required key not available"
	case syscall.EKEYEXPIRED:
		return "Key has expired"
	case syscall.EKEYREVOKED:
		return "Key has been revoked"
	case syscall.EKEYREJECTED:
		return "Key was rejected by service"
	}
	// musl has one text for every other number.
	return "No error information"
}
