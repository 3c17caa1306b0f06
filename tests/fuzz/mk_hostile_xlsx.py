#!/usr/bin/env python3
"""Write a hostile .xlsx (issue 13): a header row (姓名 身份证号 联系电话
人员类别) and one row, and

  mk_hostile_xlsx.py OUT.xlsx STRINGS [lie]

a shared-strings bomb: STRINGS empty strings (<si><t/></si>, 13 bytes
each, packed about a thousand times) in xl/sharedStrings.xml; with "lie"
the archive claims the part unpacks to 4 KiB (its local and central
headers patched), so that only what the reader really unpacks can stop
it.  tests/fuzz/corpus/xlsx/sst-bomb*.xlsx: STRINGS = 131072.

  mk_hostile_xlsx.py OUT.xlsx laughs|xxe-sst|xxe-sheet|xxe-workbook

billion laughs (nine nested entities of ten each) in the shared strings,
or an external entity (file:///etc/passwd) in the shared strings, the
worksheet or the workbook: tests/fuzz/corpus/xlsx/<kind>.xlsx.
"""
import struct
import sys
import zipfile

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
SST = "xl/sharedStrings.xml"


LAUGHS = ('<!DOCTYPE sst [<!ENTITY lol "lol">' + "".join(
    '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
    for i in range(1, 10)) + ']>', "&lol9;")
XXE = ('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;")


def write(out, n, kind=""):
    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
               '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="%s"><Relationship '
               'Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>'
               % (PKG, R))
    dtd, ref = XXE if kind == "xxe-workbook" else ("", "")
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?>%s<workbook xmlns="%s" xmlns:r="%s">'
               '<sheets><sheet name="花名册%s" sheetId="1" r:id="rId1"/></sheets></workbook>'
               % (dtd, M, R, ref))
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="%s">'
               '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
               '</Relationships>' % (PKG, R, R))
    cells = "".join('<c r="%s1" t="s"><v>%d</v></c>' % (c, i) for i, c in enumerate("ABCD"))
    dtd, ref = XXE if kind == "xxe-sheet" else ("", "")
    row2 = ('<c r="A2" t="s"><v>4</v></c><c r="B2" t="inlineStr"><is><t>430121198504120211%s'
            '</t></is></c><c r="C2" t="inlineStr"><is><t>13800138001</t></is></c>'
            '<c r="D2" t="inlineStr"><is><t>在鄂务工</t></is></c>' % ref)
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?>%s<worksheet xmlns="%s">'
               '<sheetData><row r="1">%s</row><row r="2">%s</row>'
               '</sheetData></worksheet>' % (dtd, M, cells, row2))
    dtd, ref = {"laughs": LAUGHS, "xxe-sst": XXE}.get(kind, ("", "工人"))
    with z.open(SST, "w") as f:
        f.write(('<?xml version="1.0"?>%s<sst xmlns="%s"><si><t>姓名</t></si><si><t>身份证号'
                 '</t></si><si><t>联系电话</t></si><si><t>人员类别</t></si><si><t>%s</t></si>'
                 % (dtd, M, ref)).encode())
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
    if sys.argv[2].isdigit():
        write(sys.argv[1], int(sys.argv[2]))
        if len(sys.argv) > 3 and sys.argv[3] == "lie":
            lie(sys.argv[1])
    else:
        write(sys.argv[1], 0, sys.argv[2])
