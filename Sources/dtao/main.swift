import DTaoCommands

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
// Keep freed memory in the process: an epoch or a report row allocates and frees the same
// large buffers over and over, and returning them to the kernel each time costs a page fault
// per page when they are touched again (glibc trims the heap top above 128 KiB by default).
// mallopt is not in the Glibc module; M_TRIM_THRESHOLD is −1 and M_MMAP_THRESHOLD −3 in malloc.h.
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    _ = mallopt(-1, 256 << 20)
    _ = mallopt(-3, 64 << 20)
}
#endif
exit(DTaoMain.run())
