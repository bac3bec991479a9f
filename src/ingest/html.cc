// Main-content extraction from web pages (kabar/html.h), on gumbo's HTML5 tree.
#include "kabar/html.h"

#include <gumbo.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <simdjson.h>

#include "kabar/ingest.h"
#include "util/strings.h"

namespace kabar {
namespace {

// --- small helpers -------------------------------------------------------------

const char* attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

GumboTag tag_of(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT ? n->v.element.tag : GUMBO_TAG_UNKNOWN; }

// Appends `text` with runs of whitespace collapsed to one space.
void append_collapsed(std::string& out, std::string_view text) {
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(' ');
  return s.substr(b, e - b + 1);
}

// UTF-8 length in characters, for scores that should not favour scripts
// with longer encodings.
size_t char_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_FIGURE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_CAPTION: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
      return true;
    default:
      return false;
  }
}

// Never article text, whatever their class.
bool is_removed_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_MENU:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

// Class/id words. Whole words of the class and id ("ad", "share") or
// substrings of them ("comment" in "comments-area").
const char* const kNegativeWords[] = {"ad", "ads", "advert", "banner", "byline", "caption", "credit", "credits", "hidden",
                                      "hide", "login", "modal", "nav", "navbar", "menu", "popup", "print",
                                      "sidebar", "skip", "tags", "tag", "toolbar", "author",
                                      "signup", "subnav", "masthead", "breadcrumbs", "breadcrumb", "pagination",
                                      "sr-only", "visually-hidden", "bio", "newsletter", "disclaimer", "copyright"};
const char* const kNegativeParts[] = {"comment", "share", "sharing", "social", "related", "recommend", "subscri",
                                      "sidebar", "footer", "promo", "advertis", "sponsor", "cookie", "outbrain",
                                      "taboola", "trending", "popular", "most-read", "mostread", "read-more",
                                      "readmore", "more-stories", "baca-juga", "bacajuga", "also-read", "alsoread",
                                      "newsletter", "paywall", "signup", "inline-ad", "ad-slot", "adslot", "dfp"};
const char* const kPositiveWords[] = {"article", "body", "content", "entry", "main", "post", "story", "text", "blog",
                                      "detail", "news", "page", "column"};
const char* const kPositiveParts[] = {"articlebody", "article-body", "article__body", "story-body", "post-content",
                                      "entry-content", "content-body", "article-content", "detail__body",
                                      "read__content", "itp_bodycontent", "story-content", "article-text"};

struct ClassSignal {
  int weight = 0;       // +25 positive, −25 negative, as Readability weighs them
  bool negative = false;
  bool strong_positive = false;
};

ClassSignal class_signal(const GumboNode* n) {
  ClassSignal s;
  std::string names;
  for (const char* a : {"class", "id"})
    if (const char* v = attr(n, a)) names += ascii_lower(v) + " ";
  if (const char* ip = attr(n, "itemprop"); ip && ascii_lower(ip) == "articlebody") s.strong_positive = true;
  if (names.empty()) return s;
  std::vector<std::string> words;
  std::string w;
  for (char c : names) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += c;
    } else {
      if (!w.empty()) words.push_back(w);
      w.clear();
    }
  }
  bool neg = false, pos = false;
  for (const auto& word : words) {
    for (const char* k : kNegativeWords) neg = neg || word == k;
    for (const char* k : kPositiveWords) pos = pos || word == k;
  }
  for (const char* k : kNegativeParts) neg = neg || names.find(k) != std::string::npos;
  for (const char* k : kPositiveParts) s.strong_positive = s.strong_positive || names.find(k) != std::string::npos;
  s.negative = neg;
  s.weight = (pos || s.strong_positive ? 25 : 0) - (neg ? 25 : 0);
  return s;
}

bool is_hidden(const GumboNode* n) {
  if (attr(n, "hidden")) return true;
  if (const char* a = attr(n, "aria-hidden"); a && ascii_lower(a) == "true") return true;
  if (const char* st = attr(n, "style")) {
    std::string s = ascii_lower(st);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    if (s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos) return true;
  }
  if (const char* role = attr(n, "role")) {
    std::string r = ascii_lower(role);
    if (r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" || r == "dialog" ||
        r == "menu" || r == "menubar" || r == "alert" || r == "search")
      return true;
  }
  return false;
}

// --- the page as blocks ------------------------------------------------------------

struct Block {
  const GumboNode* container;  // nearest block-level element
  std::string text;
  size_t link_chars = 0;
  bool heading = false;
};

struct Page {
  std::vector<Block> blocks;
  std::unordered_set<const GumboNode*> removed;
  std::unordered_map<const GumboNode*, size_t> subtree_chars, subtree_link_chars;
  std::unordered_map<const GumboNode*, bool> contains_article;
};

// Marks what is removed: tags that are never text, hidden elements, and
// elements whose class says boilerplate — unless they hold the article.
bool mark(const GumboNode* n, Page& page) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  const GumboTag t = tag_of(n);
  bool article_inside = t == GUMBO_TAG_ARTICLE || class_signal(n).strong_positive;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    article_inside = mark(static_cast<const GumboNode*>(kids.data[i]), page) || article_inside;
  page.contains_article[n] = article_inside;
  if (t == GUMBO_TAG_HTML || t == GUMBO_TAG_BODY) return article_inside;
  ClassSignal sig = class_signal(n);
  if (is_removed_tag(t) && !(article_inside && (t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FOOTER))) {
    page.removed.insert(n);
  } else if (is_hidden(n) && !article_inside) {
    page.removed.insert(n);
  } else if (sig.negative && sig.weight < 0 && !article_inside && t != GUMBO_TAG_ARTICLE) {
    page.removed.insert(n);
  }
  return article_inside;
}

struct Collector {
  Page& page;
  Block current;
  void flush() {
    std::string t = trim(current.text);
    if (!t.empty()) {
      current.text = std::move(t);
      page.blocks.push_back(std::move(current));
    }
    current = Block{};
  }
  void walk(const GumboNode* n, const GumboNode* container, bool in_link) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      if (!current.container) current.container = container;
      size_t before = current.text.size();
      append_collapsed(current.text, n->v.text.text);
      if (in_link) current.link_chars += char_count(std::string_view(current.text).substr(before));
      return;
    }
    if (n->type == GUMBO_NODE_WHITESPACE) {
      if (!current.text.empty() && current.text.back() != ' ') current.text += ' ';
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT || page.removed.count(n)) return;
    const GumboTag t = tag_of(n);
    if (t == GUMBO_TAG_BR) {
      flush();
      return;
    }
    const bool block = is_block(t);
    if (block) flush();
    const GumboNode* inner = block ? n : container;
    if (block) current.container = n;
    current.heading = current.heading || (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6);
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      walk(static_cast<const GumboNode*>(kids.data[i]), inner, in_link || t == GUMBO_TAG_A);
      if (block && !current.container) current.container = n;
    }
    if (block) flush();
    // Inline elements and their text stay in the current block.
    (void)inner;
  }
};

void count_subtrees(const Page& page, std::unordered_map<const GumboNode*, size_t>& chars,
                    std::unordered_map<const GumboNode*, size_t>& links) {
  for (const auto& b : page.blocks) {
    for (const GumboNode* n = b.container; n; n = n->parent) {
      chars[n] += char_count(b.text);
      links[n] += b.link_chars;
      if (n->type == GUMBO_NODE_DOCUMENT) break;
    }
  }
}

double link_density(const GumboNode* n, const Page& page) {
  auto c = page.subtree_chars.find(n);
  if (c == page.subtree_chars.end() || c->second == 0) return 0;
  auto l = page.subtree_link_chars.find(n);
  return l == page.subtree_link_chars.end() ? 0 : static_cast<double>(l->second) / static_cast<double>(c->second);
}

bool descends_from(const GumboNode* n, const GumboNode* ancestor) {
  for (; n; n = n->parent)
    if (n == ancestor) return true;
  return false;
}

int tag_weight(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN: return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TH: return -5;
    default: return 0;
  }
}

// --- metadata ------------------------------------------------------------------

void collect_meta(const GumboNode* n, HtmlArticle& out, std::string& title_tag, std::string& og_title,
                  std::string& ld_headline, std::string& date_text, std::string& h1) {
  if (n->type != GUMBO_NODE_ELEMENT) return;
  const GumboTag t = tag_of(n);
  auto text_of = [](const GumboNode* e) {
    std::string s;
    const GumboVector& kids = e->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      auto* k = static_cast<const GumboNode*>(kids.data[i]);
      if (k->type == GUMBO_NODE_TEXT) append_collapsed(s, k->v.text.text);
    }
    return trim(s);
  };
  if (t == GUMBO_TAG_HTML) {
    if (const char* l = attr(n, "lang")) {
      std::string lang = ascii_lower(l);
      out.lang = lang.substr(0, lang.find_first_of("-_"));
    }
  } else if (t == GUMBO_TAG_TITLE && title_tag.empty()) {
    title_tag = text_of(n);
  } else if (t == GUMBO_TAG_H1 && h1.empty()) {
    h1 = text_of(n);
  } else if (t == GUMBO_TAG_LINK) {
    const char* rel = attr(n, "rel");
    const char* href = attr(n, "href");
    if (rel && href && ascii_lower(rel) == "canonical" && out.canonical_url.empty()) out.canonical_url = href;
  } else if (t == GUMBO_TAG_META) {
    std::string key;
    for (const char* a : {"property", "name", "itemprop"})
      if (const char* v = attr(n, a)) { key = ascii_lower(v); break; }
    const char* content = attr(n, "content");
    if (content) {
      static const char* kDateKeys[] = {"article:published_time", "og:published_time", "datepublished", "pubdate",
                                        "publishdate", "publish-date", "date", "dc.date.issued", "dc.date",
                                        "parsely-pub-date", "sailthru.date", "content_publisheddate", "dtm"};
      for (const char* k : kDateKeys)
        if (key == k && date_text.empty()) date_text = content;
      if (key == "og:title" && og_title.empty()) og_title = content;
      if ((key == "author" || key == "article:author" || key == "parsely-author" || key == "dc.creator") &&
          out.author.empty() && std::strncmp(content, "http", 4) != 0)
        out.author = content;
    }
  } else if (t == GUMBO_TAG_TIME && date_text.empty()) {
    if (const char* dt = attr(n, "datetime")) date_text = dt;
  } else if (t == GUMBO_TAG_SCRIPT) {
    const char* type = attr(n, "type");
    if (type && ascii_lower(type) == "application/ld+json" && n->v.element.children.length == 1) {
      auto* k = static_cast<const GumboNode*>(n->v.element.children.data[0]);
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_CDATA) {
        simdjson::dom::parser parser;
        simdjson::dom::element doc;
        if (!parser.parse(k->v.text.text, std::strlen(k->v.text.text)).get(doc)) {
          // The first object with a headline or datePublished, at any depth
          // (@graph arrays, lists of objects).
          std::function<void(simdjson::dom::element, int)> visit = [&](simdjson::dom::element e, int depth) {
            if (depth > 6) return;
            if (e.is_array()) {
              for (auto x : e.get_array()) visit(x, depth + 1);
              return;
            }
            if (!e.is_object()) return;
            std::string_view v;
            if (ld_headline.empty() && !e["headline"].get(v)) ld_headline = std::string(v);
            if (date_text.empty() && !e["datePublished"].get(v)) date_text = std::string(v);
            if (out.author.empty()) {
              simdjson::dom::element a;
              if (!e["author"].get(a)) {
                if (a.is_array() && a.get_array().size() > 0) a = a.get_array().at(0);
                if (a.is_object() && !a["name"].get(v)) out.author = std::string(v);
                else if (!a.get(v)) out.author = std::string(v);
              }
            }
            simdjson::dom::element g;
            if (!e["@graph"].get(g)) visit(g, depth + 1);
          };
          visit(doc, 0);
        }
      }
    }
    return;
  }
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    collect_meta(static_cast<const GumboNode*>(kids.data[i]), out, title_tag, og_title, ld_headline, date_text, h1);
}

// The charset a page declares in its first bytes (<meta charset>, or
// http-equiv content="…; charset=…"); empty when none.
std::string declared_charset(std::string_view html) {
  std::string head = ascii_lower(html.substr(0, 4096));
  size_t p = head.find("charset=");
  if (p == std::string::npos) return {};
  p += 8;
  while (p < head.size() && (head[p] == '"' || head[p] == '\'' || head[p] == ' ')) ++p;
  size_t e = p;
  while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_')) ++e;
  return head.substr(p, e - p);
}

}  // namespace

std::string HtmlArticle::text() const {
  std::string out;
  for (const auto& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

StatusOr<HtmlArticle> extract_html(std::string_view html_in) {
  // Decode to UTF-8 when the page says it is something else and is not
  // valid UTF-8 already (pages often declare one thing and are another).
  std::string converted;
  std::string_view html = html_in;
  if (find_invalid_utf8(html) != std::string_view::npos) {
    std::string cs = declared_charset(html);
    if (cs.empty() || cs == "utf-8" || cs == "utf8") cs = "windows-1252";  // the web's usual mislabel
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString u(html.data(), static_cast<int32_t>(html.size()), cs.c_str());
    (void)err;
    if (u.isBogus()) return Status(ErrorCode::kParse, fmt::format("unknown charset \"{}\"", cs));
    u.toUTF8String(converted);
    html = converted;
  }

  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  HtmlArticle out;
  std::string title_tag, og_title, ld_headline, date_text, h1;
  collect_meta(doc->root, out, title_tag, og_title, ld_headline, date_text, h1);
  out.title = !og_title.empty() ? og_title : !ld_headline.empty() ? ld_headline : !h1.empty() ? h1 : title_tag;
  if (date_text.size() >= 10) out.date = Date::parse_iso(std::string_view(date_text).substr(0, 10));

  Page page;
  mark(doc->root, page);
  Collector collector{page, {}};
  collector.walk(doc->root, doc->root, false);
  collector.flush();
  count_subtrees(page, page.subtree_chars, page.subtree_link_chars);

  // Scores flow from paragraphs to their containers' ancestors.
  // Scores by node, and the nodes in the order they were first scored (the
  // document's), so that ties never depend on where the parser's nodes lie
  // in memory.
  std::unordered_map<const GumboNode*, double> score;
  std::vector<const GumboNode*> scored;
  auto init = [&](const GumboNode* n) {
    if (score.count(n)) return;
    score[n] = tag_weight(tag_of(n)) + class_signal(n).weight;
    scored.push_back(n);
  };
  for (const auto& b : page.blocks) {
    const size_t len = char_count(b.text);
    if (len < 25 || b.heading) continue;
    double s = 1.0 + static_cast<double>(std::count(b.text.begin(), b.text.end(), ',')) +
               std::min(static_cast<double>(len) / 100.0, 3.0);
    const GumboNode* n = b.container;
    for (int level = 0; n && n->type == GUMBO_NODE_ELEMENT && level < 4; ++level, n = n->parent) {
      init(n);
      score[n] += level == 0 ? s : level == 1 ? s : level == 2 ? s / 2 : s / 3;
    }
  }
  const GumboNode* top = nullptr;
  double top_score = 0;
  for (const GumboNode* n : scored) {
    const double final_score = score[n] * (1.0 - link_density(n, page));
    if (!top || final_score > top_score ||
        (final_score == top_score && page.subtree_chars[n] > page.subtree_chars[top])) {
      top = n;
      top_score = final_score;
    }
  }
  // An element the page marks as the article body wins when it holds text.
  for (const GumboNode* n : scored) {
    if (class_signal(n).strong_positive && page.subtree_chars[n] > 0.5 * page.subtree_chars[top]) {
      if (!descends_from(top, n) || page.subtree_chars[n] >= page.subtree_chars[top]) top = n;
    }
  }
  if (!top) return out;
  // A parent that holds much more article text than the top candidate (the
  // paragraphs split over several sibling divs) is the article.
  while (top->parent && top->parent->type == GUMBO_NODE_ELEMENT && tag_of(top->parent) != GUMBO_TAG_BODY) {
    const GumboNode* p = top->parent;
    auto ps = score.find(p);
    if (ps == score.end()) break;
    if (ps->second * (1.0 - link_density(p, page)) < top_score * 1.0) break;
    top = p;
    top_score = ps->second * (1.0 - link_density(p, page));
  }

  // Siblings that score close to the top candidate join it.
  std::vector<const GumboNode*> selected{top};
  if (const GumboNode* parent = top->parent; parent && parent->type == GUMBO_NODE_ELEMENT) {
    const double threshold = std::max(10.0, top_score * 0.2);
    const GumboVector& kids = parent->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      auto* k = static_cast<const GumboNode*>(kids.data[i]);
      if (k == top || k->type != GUMBO_NODE_ELEMENT || page.removed.count(k)) continue;
      auto s = score.find(k);
      const double ks = s == score.end() ? 0 : s->second * (1.0 - link_density(k, page));
      const size_t chars = page.subtree_chars[k];
      const double ld = link_density(k, page);
      if (ks >= threshold || (tag_of(k) == GUMBO_TAG_P && ((chars > 80 && ld < 0.25) || (chars > 0 && ld == 0))))
        selected.push_back(k);
    }
  }

  const std::string title_key = ascii_lower(out.title);
  for (const auto& b : page.blocks) {
    bool inside = false;
    for (const GumboNode* s : selected) inside = inside || descends_from(b.container, s);
    if (!inside) continue;
    const size_t len = char_count(b.text);
    const double ld = len ? static_cast<double>(b.link_chars) / static_cast<double>(len) : 0;
    if (ld > 0.5) continue;                             // menus, tag lists, "read more" links
    if (b.heading && ascii_lower(b.text) == title_key) continue;  // the headline repeated
    out.paragraphs.push_back(b.text);
  }
  return out;
}

// --- the benchmark's score -------------------------------------------------------

namespace {

// \w+ tokens as the benchmark's regular expression finds them: letters,
// digits and underscore (Unicode).
std::vector<std::string> word_tokens(std::string_view text) {
  std::vector<std::string> out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::string cur;
  icu::UnicodeString w;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c) || c == '_' || u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_charType(c) == U_OTHER_NUMBER ||
        u_charType(c) == U_LETTER_NUMBER) {
      w.append(c);
    } else if (!w.isEmpty()) {
      cur.clear();
      w.toUTF8String(cur);
      out.push_back(cur);
      w.remove();
    }
  }
  if (!w.isEmpty()) {
    cur.clear();
    w.toUTF8String(cur);
    out.push_back(cur);
  }
  return out;
}

std::map<std::string, double> shingles(std::string_view text) {
  auto toks = word_tokens(text);
  std::map<std::string, double> out;
  const size_t n = 4;
  const size_t count = toks.size() >= n ? toks.size() - n + 1 : 1;
  for (size_t i = 0; i < count; ++i) {
    std::string key;
    for (size_t j = i; j < std::min(i + n, toks.size()); ++j) key += toks[j] + '\x1f';
    if (!key.empty()) out[key] += 1;
  }
  return out;
}

}  // namespace

ShingleScore shingle_score(std::string_view truth, std::string_view predicted) {
  auto t = shingles(truth), p = shingles(predicted);
  ShingleScore s;
  for (const auto& [k, tc] : t) {
    auto it = p.find(k);
    const double pc = it == p.end() ? 0 : it->second;
    s.tp += std::min(tc, pc);
    s.fn += std::max(0.0, tc - pc);
  }
  for (const auto& [k, pc] : p) {
    auto it = t.find(k);
    const double tc = it == t.end() ? 0 : it->second;
    s.fp += std::max(0.0, pc - tc);
  }
  const double sum = s.tp + s.fp + s.fn;
  if (sum > 0) {
    s.tp /= sum;
    s.fp /= sum;
    s.fn /= sum;
  }
  return s;
}

ShingleSummary summarize_shingles(const std::vector<ShingleScore>& pages) {
  ShingleSummary r;
  r.pages = pages.size();
  double p_sum = 0, r_sum = 0;
  size_t p_n = 0, r_n = 0;
  for (const auto& s : pages) {
    const bool exact = s.fp == 0 && s.fn == 0;
    if (s.tp + s.fp > 0) {
      p_sum += exact ? 1.0 : s.tp / (s.tp + s.fp);
      ++p_n;
    }
    if (s.tp + s.fn > 0) {
      r_sum += exact ? 1.0 : s.tp / (s.tp + s.fn);
      ++r_n;
    }
  }
  r.precision = p_n ? p_sum / static_cast<double>(p_n) : 0;
  r.recall = r_n ? r_sum / static_cast<double>(r_n) : 0;
  r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0;
  return r;
}

}  // namespace kabar
