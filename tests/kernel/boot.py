"""Booting Debian's 5.10 kernel under QEMU: the pieces tests/kernel/run uses.

vmlinux_from_bzimage  the uncompressed ELF vmlinux inside a bzImage
write_initramfs       a cpio archive in the "newc" format the kernel unpacks
boot                  run QEMU once; return what the guest wrote to ttyS1
"""
import lzma
import os
import stat
import struct
import subprocess
import time


def vmlinux_from_bzimage(bzimage, out):
    """Write the ELF kernel that the bzImage at path bzimage carries to out.

    A bzImage is the real-mode setup code, setup_sects 512-byte sectors
    after the boot sector, then the protected-mode part, which holds the
    compressed kernel at payload_offset, payload_length bytes long (boot
    protocol 2.08 and later: Documentation/x86/boot.rst).  Debian
    compresses it with xz, which Python's lzma reads, the BCJ filter
    included; the last four bytes are the size, and are not xz data.
    """
    with open(bzimage, "rb") as f:
        data = f.read()
    if data[0x202:0x206] != b"HdrS":
        raise ValueError(f"{bzimage}: not a bzImage (no HdrS header)")
    version = struct.unpack_from("<H", data, 0x206)[0]
    if version < 0x208:
        raise ValueError(f"{bzimage}: boot protocol {version:#x} has no payload fields")
    setup_sects = data[0x1f1] or 4
    offset, length = struct.unpack_from("<II", data, 0x248)
    start = (setup_sects + 1) * 512 + offset
    payload = data[start:start + length]
    if not payload.startswith(b"\xfd7zXZ\x00"):
        raise ValueError(f"{bzimage}: the payload is not xz (only xz is handled)")
    dec = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
    elf = dec.decompress(payload)
    if elf[:4] != b"\x7fELF":
        raise ValueError(f"{bzimage}: the payload is not an ELF file")
    size = struct.unpack("<I", payload[-4:])[0]
    if size != len(elf):
        raise ValueError(f"{bzimage}: {len(elf)} bytes unpacked, the trailer says {size}")
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(elf)
    os.replace(tmp, out)


def _newc_entry(name, mode, data, ino):
    name_b = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_b), 0)
    head = b"070701" + b"".join(b"%08X" % v for v in fields) + name_b
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)


def write_initramfs(out, entries):
    """Write a newc cpio archive.  entries: (path, kind, data) with kind
    'dir', 'file' or 'exe', in the order the kernel should create them."""
    modes = {"dir": stat.S_IFDIR | 0o755, "file": stat.S_IFREG | 0o644,
             "exe": stat.S_IFREG | 0o755}
    blob = bytearray()
    for ino, (path, kind, data) in enumerate(entries, start=1):
        blob += _newc_entry(path, modes[kind], data or b"", ino)
    blob += _newc_entry("TRAILER!!!", 0, b"", 0)
    blob += b"\0" * (-len(blob) % 512)
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(blob)
    os.replace(tmp, out)


def boot(vmlinux, initramfs, ram, cpus, workdir, timeout=300):
    """Boot once.  Returns (seconds, data written to ttyS1, console log).

    The uncompressed vmlinux boots through its PVH entry (QEMU finds the
    Xen PVH note and needs no bootloader), which skips the 9 s that TCG
    takes to decompress a bzImage.  nokaslr keeps the direct map and the
    vmemmap where the model has them; quiet keeps the serial console short.
    """
    console = os.path.join(workdir, "console.log")
    data = os.path.join(workdir, "ttyS1.out")
    for p in (console, data):
        if os.path.exists(p):
            os.remove(p)
    cmd = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg",
           "-m", ram, "-smp", str(cpus), "-kernel", vmlinux, "-initrd", initramfs,
           "-append", "nokaslr console=ttyS0 quiet", "-net", "none",
           "-display", "none", "-monitor", "none", "-no-reboot",
           "-serial", "file:" + console, "-serial", "file:" + data]
    start = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=timeout)
    seconds = time.monotonic() - start
    if r.returncode != 0:
        raise RuntimeError(f"qemu exited with {r.returncode}: {r.stdout.strip()}")

    def read(p):
        if not os.path.exists(p):
            return ""
        with open(p, "rb") as f:
            return f.read().decode("utf-8", "replace").replace("\r", "")
    return seconds, read(data), read(console)
