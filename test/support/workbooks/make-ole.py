#!/usr/bin/python3
# Makes the two OLE (Compound File Binary) workbooks the reader must refuse with a clear message:
#   encrypted.xlsx  a password-protected .xlsx (password "secret"): the real package, encrypted
#                   with ECMA-376 Standard Encryption (AES-128, SHA-1, 50,000 spins) as Excel does
#                   for "Encrypt with Password", in an OLE file with EncryptionInfo and
#                   EncryptedPackage streams. Checked by decrypting it back with Debian's
#                   msoffcrypto-tool (an independent implementation) before it is kept.
#   old.xls         an Excel 97-2003 workbook (BIFF8 in an OLE file), written by python3-xlwt.
# Debian's msoffcrypto-tool 5.0 only decrypts, and LibreOffice's OOXML encryption failed through UNO
# here, so the encryption is written out below (MS-OFFCRYPTO 2.3.4.5 to 2.3.4.9, 2.3.4.4).
# Needs python3-xlwt, python3-cryptography, python3-olefile and python3-msoffcrypto-tool.
# Run: /usr/bin/python3 test/support/workbooks/make-ole.py
import hashlib
import io
import os
import struct

import msoffcrypto
import olefile
import xlwt
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "secret"

# ---- old.xls ----
book = xlwt.Workbook()
sheet = book.add_sheet("Sessions")
for i, h in enumerate(["Date worked", "Practice", "Practice code", "Fee", "Date paid"]):
    sheet.write(0, i, h)
book.save(os.path.join(HERE, "old.xls"))


# ---- ECMA-376 Standard Encryption ----
def aes_ecb(key, data):
    e = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return e.update(data) + e.finalize()


def standard_key(password, salt, key_bytes=16):
    h = hashlib.sha1(salt + password.encode("utf-16-le")).digest()
    for i in range(50000):
        h = hashlib.sha1(struct.pack("<I", i) + h).digest()
    h = hashlib.sha1(h + struct.pack("<I", 0)).digest()
    x1 = hashlib.sha1(bytes(b ^ 0x36 for b in h.ljust(64, b"\0"))).digest()
    x2 = hashlib.sha1(bytes(b ^ 0x5C for b in h.ljust(64, b"\0"))).digest()
    return (x1 + x2)[:key_bytes]


def encrypt_standard(package, password, salt, verifier):
    key = standard_key(password, salt)
    csp = "Microsoft Enhanced RSA and AES Cryptographic Provider\0".encode("utf-16-le")
    # EncryptionHeader: flags (fCryptoAPI | fAES), sizeExtra, AES-128, SHA-1, 128 bits, PROV_RSA_AES
    header = struct.pack("<IIIIIIII", 0x24, 0, 0x660E, 0x8004, 128, 0x18, 0, 0) + csp
    verifier_hash = hashlib.sha1(verifier).digest().ljust(32, b"\0")
    verifier_part = struct.pack("<I", 16) + salt + aes_ecb(key, verifier) + struct.pack("<I", 20) + aes_ecb(key, verifier_hash)
    info = struct.pack("<HHI", 3, 2, 0x24) + struct.pack("<I", len(header)) + header + verifier_part
    padded = package + b"\0" * (-len(package) % 16)
    return info, struct.pack("<Q", len(package)) + aes_ecb(key, padded)


# ---- a minimal Compound File (version 3, 512-byte sectors) with two streams in its root ----
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def dir_entry(name, kind, start, size, left=FREE, right=FREE, child=FREE):
    n = (name + "\0").encode("utf-16-le") if name else b""
    return (n.ljust(64, b"\0") + struct.pack("<HBB", len(n), kind, 1) + struct.pack("<III", left, right, child)
            + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IIQ", start, size, 0)[:4 + 4 + 4])


def compound_file(small_name, small, big_name, big):
    # The small stream (< 4096 bytes) lives in the mini stream, 64-byte mini sectors.
    mini = small + b"\0" * (-len(small) % 64)
    mini_fat = [i + 1 for i in range(len(mini) // 64)]
    mini_fat[-1] = END
    mini_fat_bytes = b"".join(struct.pack("<I", x) for x in mini_fat).ljust(512, b"\xff")
    sectors = []  # (kind, bytes of one or more sectors)

    def add(data):
        data = data + b"\0" * (-len(data) % 512)
        first = sum(len(d) // 512 for d in sectors)
        sectors.append(data)
        return first, len(data) // 512

    mini_start, mini_n = add(mini)
    minifat_start, minifat_n = add(mini_fat_bytes)
    big_start, big_n = add(big)
    # Directory: root, then the two streams (siblings in a red-black tree, both black: valid).
    a, b = sorted([(small_name, 1), (big_name, 2)], key=lambda t: (len(t[0]), t[0].upper()))
    directory = dir_entry("Root Entry", 5, mini_start, len(mini), child=a[1])
    rows = {
        1: dir_entry(small_name, 2, 0, len(small), right=(b[1] if a[1] == 1 else FREE)),
        2: dir_entry(big_name, 2, big_start, len(big), right=(b[1] if a[1] == 2 else FREE)),
    }
    directory += rows[1] + rows[2] + dir_entry("", 0, 0, 0)
    dir_start, dir_n = add(directory)
    used = sum(len(d) // 512 for d in sectors)
    fat_n = 1
    while (used + fat_n) > fat_n * 128:
        fat_n += 1
    fat = [FREE] * (fat_n * 128)
    for start, n in [(mini_start, mini_n), (minifat_start, minifat_n), (big_start, big_n), (dir_start, dir_n)]:
        for i in range(start, start + n - 1):
            fat[i] = i + 1
        fat[start + n - 1] = END
    for i in range(used, used + fat_n):
        fat[i] = FATSECT
    assert fat_n <= 109
    difat = [used + i for i in range(fat_n)] + [FREE] * (109 - fat_n)
    head = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
            + struct.pack("<IIIIIIIII", 0, fat_n, dir_start, 0, 4096, minifat_start, minifat_n, END, 0)
            + b"".join(struct.pack("<I", x) for x in difat))
    assert len(head) == 512
    return head + b"".join(sectors) + b"".join(struct.pack("<I", x) for x in fat)


package = open(os.path.join(HERE, "openpyxl-table.xlsx"), "rb").read()
info, encrypted = encrypt_standard(package, PASSWORD, salt=bytes(range(16)), verifier=bytes(range(16, 32)))
cfb = compound_file("EncryptionInfo", info, "EncryptedPackage", encrypted)

# Check it as others read it: olefile's streams, then msoffcrypto decrypting to the same package.
ole = olefile.OleFileIO(io.BytesIO(cfb))
assert sorted("/".join(p) for p in ole.listdir()) == ["EncryptedPackage", "EncryptionInfo"]
office = msoffcrypto.OfficeFile(io.BytesIO(cfb))
assert office.is_encrypted()
office.load_key(password=PASSWORD)
out = io.BytesIO()
office.decrypt(out)
assert out.getvalue() == package, "msoffcrypto did not decrypt it back to the package"
open(os.path.join(HERE, "encrypted.xlsx"), "wb").write(cfb)
print("encrypted.xlsx: decrypts with msoffcrypto to openpyxl-table.xlsx;", len(cfb), "bytes")
