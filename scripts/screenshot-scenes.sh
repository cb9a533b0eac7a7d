# The scenes scripts/screenshots.sh takes (sourced by it; `shot` is defined there).
# Each: NAME LANG USER KEYS… (a key per argument; `text:…` types literally).
CASE=13号   # the demo case with an un-recused conflicted investigator (赵敏 / 周华)
for lang in zh en; do
  shot dashboard "$lang" chenj
  shot queue "$lang" chenj 2
  shot case "$lang" wangl 2 / "text:$CASE" Enter Enter
  shot submit-refused "$lang" wangl 2 / "text:$CASE" Enter Enter S
  if [[ $lang == zh ]]; then
    said="text:我们依照检查计划对该企业有限空间作业进行了检查，当时未发现作业审批和通风检测方面的问题。事故发生后才知道现场另有一处未登记的有限空间。"
  else
    said="text:We inspected the confined-space work under the annual plan and found no problem with permits or gas testing; the unregistered pit was only found after the accident."
  fi
  shot interview-form "$lang" wangl 2 / "text:$CASE" Enter Enter i "$said"
  # The command palette (issue 8): what this user may do on this case now, with its key.
  # Before the conflict scenes, which leave wangl a draft that his next start would offer.
  shot palette "$lang" wangl 2 / "text:$CASE" Enter Enter :
done
# Read everything and find anything (issue 8): the record list, an evidence item with its
# file check, a whole transcript reached by full-text search, the case timeline.
for lang in zh en; do
  shot records "$lang" chenj 2 / "text:$CASE" Enter Enter Enter
  shot evidence-detail "$lang" chenj 2 / "text:$CASE" Enter Enter Enter Enter
  shot timeline "$lang" chenj 2 / "text:$CASE" Enter Enter Enter End Enter
  shot search "$lang" chenj F "text:整改指令"
  shot interview-detail "$lang" chenj F "text:审核时只看了" Enter
done
# No lost edits: A opens the findings, answers, and keeps a draft (Esc); B saves a different
# answer; A reopens the draft and saves: both versions side by side. zh on one shared case,
# en on another, so each language starts from records nobody has touched.
conflict() {
  local lang=$1 a=$2 b=$3 title=$4
  # Each conflict starts without drafts: the last one leaves its user's draft behind, and a
  # draft kept at a hang-up is offered (and taken by the next Enter) at the next start.
  rm -rf "$WORK/data/culpa/drafts"
  shot "conflict-draft" "$lang" "$a" 2 / "text:$title" Enter Enter f Space Escape
  shot "conflict-other-save" "$lang" "$b" 2 / "text:$title" Enter Enter f Tab Space C-s
  shot conflict "$lang" "$a" 2 / "text:$title" Enter Enter f C-s
}
conflict zh wangl hej 烟花爆竹零售点当场
conflict en zhaom wangl 有限空间作业检查未发现违规
# A decided case: the committee's decision beside the rules' suggestion, differences marked
# (the liability panel is no longer "live").
for lang in zh en; do
  shot liability-decided "$lang" chenj 2 / "text:〕7号" Enter Enter
done
