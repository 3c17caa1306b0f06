/* demo_data.c -- tables and generator for the demo township; see demo_data.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/demo_data.h"
#include "forms/idnum.h"
#include "forms/xmalloc.h"

#define N(a) (sizeof (a) / sizeof (a)[0])

void
demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	r->s = seed ^ 0x5061696368614445ULL;	/* "PaichaDE" */
}

uint64_t
demo_rng_next(struct demo_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

unsigned
demo_rng_below(struct demo_rng *r, unsigned n)
{
	return n ? (unsigned)(demo_rng_next(r) % n) : 0;
}

int
demo_rng_percent(struct demo_rng *r, unsigned percent)
{
	return demo_rng_below(r, 100) < percent;
}

uint64_t
demo_hash(uint64_t seed, uint64_t a, uint64_t b)
{
	struct demo_rng r;

	demo_rng_seed(&r, seed ^ (a * 0x9E3779B97F4A7C15ULL) ^ (b * 0xC2B2AE3D27D4EB4FULL));
	return demo_rng_next(&r);
}

const char *const demo_villages[] = {
	"西湖村", "龙王庙村", "东山村", "南岭村", "北塘村", "柳林社区", "黄花村", "回龙村",
	"新塘村", "杨梓村",
};
const size_t demo_n_villages = N(demo_villages);

/* Common surnames, the frequent ones listed more than once. */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "王", "李", "张", "刘",
	"陈", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑",
	"谢", "韩", "唐", "冯", "曾", "彭", "曾", "邓", "肖", "蒋", "袁", "单", "易", "龙",
	"谭", "廖", "汤", "贺", "欧阳", "文", "颜", "钟",
};

static const char *const given_m[] = {
	"伟", "强", "军", "勇", "杰", "涛", "斌", "磊", "超", "波", "辉", "刚", "平", "鹏",
	"华", "建", "明", "志", "国", "林", "飞", "兵", "峰", "亮", "湘", "文", "海", "松",
};

static const char *const given_f[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "红", "梅", "琴", "兰",
	"英", "萍", "慧", "婷", "雪", "颖", "秀", "佳", "莉", "桂", "湘", "春", "晓", "倩",
};

void
demo_name(struct demo_rng *r, char gender, char *out, size_t sz)
{
	const char *const *pool = gender == 'M' ? given_m : given_f;
	size_t n = gender == 'M' ? N(given_m) : N(given_f);
	const char *s = surnames[demo_rng_below(r, N(surnames))];

	if (demo_rng_percent(r, 30))
		snprintf(out, sz, "%s%s", s, pool[demo_rng_below(r, (unsigned)n)]);
	else
		snprintf(out, sz, "%s%s%s", s, pool[demo_rng_below(r, (unsigned)n)],
		    pool[demo_rng_below(r, (unsigned)n)]);
}

/* Hunan division codes for group A: 长沙县 first and most of the time. */
static const char *const hunan_codes[] = {
	"430121", "430102", "430104", "430111", "430181", "430124", "430112",
};

/* Hubei places for group B: division code and the address it stands for. */
static const struct {
	const char *code;
	const char *home;
} hubei_places[] = {
	{ "420102", "湖北省武汉市江岸区" },
	{ "420106", "湖北省武汉市武昌区" },
	{ "420111", "湖北省武汉市洪山区" },
	{ "420902", "湖北省孝感市孝南区" },
	{ "420921", "湖北省孝感市孝昌县" },
	{ "421002", "湖北省荆州市沙市区" },
	{ "429004", "湖北省仙桃市" },
	{ "420502", "湖北省宜昌市西陵区" },
	{ "421102", "湖北省黄冈市黄州区" },
	{ "420602", "湖北省襄阳市襄城区" },
};

void
demo_idnum(struct demo_rng *r, int group_b, char out[19], char *gender, char birth[11],
    size_t *place)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *code;
	int y = 1962 + (int)demo_rng_below(r, 40);
	int m = 1 + (int)demo_rng_below(r, 12);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int d = 1 + (int)demo_rng_below(r, (unsigned)(mdays[m - 1] + (m == 2 && leap)));
	int seq = 1 + (int)demo_rng_below(r, 999);

	*place = 0;
	if (group_b) {
		*place = demo_rng_below(r, N(hubei_places));
		code = hubei_places[*place].code;
	} else
		code = demo_rng_percent(r, 85) ? hunan_codes[0]
		    : hunan_codes[1 + demo_rng_below(r, N(hunan_codes) - 1)];
	char buf[64];

	snprintf(buf, sizeof buf, "%s%04d%02d%02d%03d", code, y, m, d, seq);
	memcpy(out, buf, 17);
	out[17] = idnum_check_char(buf);
	out[18] = '\0';
	*gender = seq % 2 ? 'M' : 'F';
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	memcpy(birth, buf, 11);
}

const char *
demo_hubei_home(size_t place)
{
	return hubei_places[place % N(hubei_places)].home;
}

/* Where group A works: 武汉 most often. */
static const struct {
	const char *city;
	const char *short_city;
	int weight;
} hubei_work[] = {
	{ "武汉市", "武汉", 40 }, { "武汉市东西湖区", "武汉", 12 }, { "孝感市", "孝感", 12 },
	{ "宜昌市", "宜昌", 8 }, { "黄冈市", "黄冈", 8 }, { "荆州市", "荆州", 8 },
	{ "襄阳市", "襄阳", 6 }, { "十堰市", "十堰", 3 }, { "咸宁市", "咸宁", 3 },
};

void
demo_hubei_work(struct demo_rng *r, char *city, size_t citysz, char *short_city,
    size_t shortsz)
{
	unsigned total = 0, pick;
	size_t i;

	for (i = 0; i < N(hubei_work); i++)
		total += (unsigned)hubei_work[i].weight;
	pick = demo_rng_below(r, total);
	for (i = 0; i < N(hubei_work) - 1; i++) {
		if (pick < (unsigned)hubei_work[i].weight)
			break;
		pick -= (unsigned)hubei_work[i].weight;
	}
	snprintf(city, citysz, "%s", hubei_work[i].city);
	snprintf(short_city, shortsz, "%s", hubei_work[i].short_city);
}

static const char *const firm_words[] = {
	"恒通", "宏远", "鑫达", "华泰", "瑞丰", "金源", "永兴", "兴旺", "长盛", "顺达",
	"丰华", "德昌",
};

static const char *const trades[] = {
	"电子有限公司", "物流有限公司", "建筑工程有限公司", "机械制造有限公司",
	"食品有限公司", "服装有限公司", "汽车配件有限公司", "餐饮管理有限公司",
};

void
demo_employer(struct demo_rng *r, const char *city_prefix, char *out, size_t sz)
{
	if (demo_rng_percent(r, 8)) {
		snprintf(out, sz, "%s", demo_rng_percent(r, 50) ? "个体" : "某建筑工地");
		return;
	}
	snprintf(out, sz, "%s%s%s", city_prefix, firm_words[demo_rng_below(r, N(firm_words))],
	    trades[demo_rng_below(r, N(trades))]);
}

/* Mobile number blocks (the first 7 digits) that libphonenumber's offline
 * geocoder places in Hunan or Hubei (found by parsing every block of the
 * prefixes below once); the demo still parses every number it makes, so
 * the region stored is the library's own. */
static const char *const changsha_blocks[] = {
	"1300731", "1310025", "1320310", "1330731", "1350731", "1360731", "1370731",
	"1380731", "1390731", "1500731", "1510731", "1520080", "1530731", "1550731",
	"1560731", "1570070",
};

static const char *const hunan_blocks[] = {	/* 株洲 湘潭 岳阳 衡阳 常德 益阳 */
	"1300733", "1310023", "1300732", "1310032", "1300730", "1310020", "1300734",
	"1310026", "1300736", "1310028", "1300737", "1310037",
};

static const char *const wuhan_blocks[] = {
	"1300008", "1310060", "1320710", "1330710", "1350710", "1360710", "1370710",
	"1380026", "1390071", "1500270", "1510270", "1520270", "1530710", "1550722",
	"1560710", "1571710",
};

static const char *const hubei_blocks[] = {	/* 孝感 荆州 宜昌 黄冈 襄阳 十堰 */
	"1303515", "1311441", "1303530", "1310079", "1303270", "1310078", "1303446",
	"1310074", "1303520", "1310077", "1303525", "1311444",
};

void
demo_mobile(struct demo_rng *r, int group_b, char *out, size_t sz)
{
	static const char *const prefixes[] = {
		"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
		"152", "153", "155", "156", "157", "158", "159", "173", "177", "180", "181",
		"182", "183", "185", "186", "187", "188", "189", "199",
	};
	static const struct {
		const char *const *blocks;
		size_t n;
		unsigned pct[2];	/* out of 100, for group A and group B */
	} areas[] = {
		{ changsha_blocks, N(changsha_blocks), { 45, 20 } },
		{ hunan_blocks, N(hunan_blocks), { 20, 5 } },
		{ wuhan_blocks, N(wuhan_blocks), { 15, 35 } },
		{ hubei_blocks, N(hubei_blocks), { 10, 30 } },
	};
	unsigned p = demo_rng_below(r, 100);

	/* Group A: mostly a Hunan number, some got one where they work in
	 * Hubei; group B the other way round; one in ten from anywhere. */
	for (size_t i = 0; i < N(areas); i++) {
		if (p < areas[i].pct[group_b != 0]) {
			snprintf(out, sz, "%s%04u",
			    areas[i].blocks[demo_rng_below(r, (unsigned)areas[i].n)],
			    demo_rng_below(r, 10000));
			return;
		}
		p -= areas[i].pct[group_b != 0];
	}
	snprintf(out, sz, "%s%04u%04u", prefixes[demo_rng_below(r, N(prefixes))],
	    demo_rng_below(r, 10000), demo_rng_below(r, 10000));
}

void
demo_fixed(struct demo_rng *r, char *out, size_t sz)
{
	snprintf(out, sz, "0731-8%03u%04u", demo_rng_below(r, 1000), demo_rng_below(r, 10000));
}

const char *
demo_elsewhere(struct demo_rng *r)
{
	static const char *const places[] = {
		"广东省广州市", "广东省深圳市", "广东省东莞市", "湖南省长沙市", "浙江省杭州市",
		"江西省南昌市",
	};

	return places[demo_rng_below(r, N(places))];
}

static uint64_t
idnum_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void
idnum_set_init(struct idnum_set *s, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	s->idnum = xcalloc(n ? n : 1, sizeof *s->idnum);
	s->slot = xcalloc(cap, sizeof *s->slot);
	s->mask = cap - 1;
}

void
idnum_set_free(struct idnum_set *s)
{
	free(s->idnum);
	free(s->slot);
}

/* Keep worker i's ID number unless an earlier worker has it: 1 kept, 0 a
 * repeat (draw again). */
int
idnum_set_add(struct idnum_set *s, size_t i, const char *idnum)
{
	size_t h = (size_t)idnum_hash(idnum) & s->mask;

	for (; s->slot[h] != 0; h = (h + 1) & s->mask)
		if (strcmp(s->idnum[s->slot[h] - 1], idnum) == 0)
			return 0;
	memcpy(s->idnum[i], idnum, 19);
	s->slot[h] = (unsigned)i + 1;
	return 1;
}
