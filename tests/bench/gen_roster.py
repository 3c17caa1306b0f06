#!/usr/bin/env python3
"""Write a deterministic roster CSV of N rows (UTF-8, LF) to stdout.

Every ID number is valid (GB 11643 check character), every phone a valid
Chinese mobile number; one row in ten has two numbers, one in fifty shares
its number with the row before (a family).  Used by tests/bench/import.sh.
"""
import random
import sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
VILLAGES = ["西湖村", "东山村", "南岭村", "北塘村", "柳林社区", "花园社区"]
CITIES = ["湖北省武汉市江岸区", "湖北省孝感市", "湖北省宜昌市", "湖北省武汉市东西湖区"]
PREFIXES = ["138", "139", "135", "136", "137", "150", "151", "186", "187", "188", "131", "133"]


def idnum(rng, n):
    body = "430121%04d%02d%02d%03d" % (1960 + rng.randrange(40), 1 + rng.randrange(12),
                                       1 + rng.randrange(28), n % 1000)
    return body + CHECK[sum(int(c) * w for c, w in zip(body, W)) % 11]


def main():
    n = int(sys.argv[1])
    rng = random.Random(20200126)
    out = sys.stdout
    out.write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n")
    seen = set()
    phone = ""
    for i in range(n):
        while True:
            ident = idnum(rng, i)
            if ident not in seen:
                seen.add(ident)
                break
        if i % 50 != 1:
            phone = rng.choice(PREFIXES) + "%08d" % rng.randrange(10 ** 8)
        phones = phone
        if i % 10 == 3:
            phones += "/" + rng.choice(PREFIXES) + "%08d" % rng.randrange(10 ** 8)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        out.write("%s,%s,%s,湖南省长沙县黄花镇%s,%s,某某公司%d,在鄂务工\n" % (
            name, ident, phones, rng.choice(VILLAGES), rng.choice(CITIES), i % 97))


if __name__ == "__main__":
    main()
