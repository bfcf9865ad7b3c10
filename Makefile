# Convenience targets for those who have make; each one calls dev.sh, which needs only Python and bash.
.PHONY: setup demo test lint bench eval
setup demo test lint bench eval:
	./dev.sh $@
