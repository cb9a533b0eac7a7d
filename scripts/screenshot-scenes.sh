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
  shot interview-form "$lang" wangl 2 / "text:$CASE" Enter Enter i Tab Tab Tab Tab "$said"
done
