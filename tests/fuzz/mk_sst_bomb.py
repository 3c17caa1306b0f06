#!/usr/bin/env python3
"""Write a shared-strings bomb: a small .xlsx whose xl/sharedStrings.xml
unpacks to far more than any roster (issue 13, observation 7).

  mk_sst_bomb.py OUT.xlsx STRINGS [lie]

STRINGS empty strings (<si><t/></si>, 13 bytes each, packed about a
thousand times) after the header's four titles; with "lie" the archive
claims the part unpacks to 4 KiB (its local and central headers patched),
so that only what the reader really unpacks can stop it.  The sheet is a
header row and one row.  tests/fuzz/corpus/xlsx/sst-bomb*.xlsx were made
with STRINGS = 2097152.
"""
import struct
import sys
import zipfile

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
SST = "xl/sharedStrings.xml"


def write(out, n):
    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
               '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="%s"><Relationship '
               'Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>'
               % (PKG, R))
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="%s" xmlns:r="%s">'
               '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>'
               % (M, R))
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="%s">'
               '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
               '</Relationships>' % (PKG, R, R))
    cells = "".join('<c r="%s1" t="s"><v>%d</v></c>' % (c, i) for i, c in enumerate("ABCD"))
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="%s">'
               '<sheetData><row r="1">%s</row><row r="2"><c r="A2" t="s"><v>4</v></c></row>'
               '</sheetData></worksheet>' % (M, cells))
    with z.open(SST, "w") as f:
        f.write(('<?xml version="1.0"?><sst xmlns="%s"><si><t>姓名</t></si><si><t>身份证号'
                 '</t></si><si><t>联系电话</t></si><si><t>人员类别</t></si>' % M).encode())
        chunk = b"<si><t/></si>" * 65536
        for _ in range(n // 65536):
            f.write(chunk)
        f.write(b"<si><t/></si>" * (n % 65536))
        f.write(b"</sst>")
    z.close()


def lie(path):
    b = bytearray(open(path, "rb").read())
    name = SST.encode()
    for sig, name_len, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        i = b.find(sig)
        while i >= 0:
            n = struct.unpack_from("<H", b, i + name_len)[0]
            if b[i + name_at:i + name_at + n] == name:
                struct.pack_into("<I", b, i + size_at, 4096)
            i = b.find(sig, i + 4)
    open(path, "wb").write(b)


if __name__ == "__main__":
    write(sys.argv[1], int(sys.argv[2]))
    if len(sys.argv) > 3 and sys.argv[3] == "lie":
        lie(sys.argv[1])
