#!/usr/bin/env python3
"""Lists public declarations in Sources/ without a doc comment (///) above them.

A declaration is a line starting with `public` or `open` (after indentation and attributes).
Exempt: members that only fulfil a protocol whose meaning is documented there (description,
==, <, hash, encode(to:), init(from:), next(), init(argument:), allValueStrings,
defaultValueDescription, init(stringLiteral:)), `public init() {}` placeholders of
ParsableCommand, and enum cases inside an enum whose cases are self-explanatory only when
the enum is documented and the case has a comment on the same line. Exits 1 when any is
missing, listing them as file:line.
"""
import pathlib
import re
import sys

EXEMPT = re.compile(
    r"public (static )?(var description|func ==|static func ==|static func <|func hash|func encode\(to|init\(from|"
    r"mutating func next\(\)|init\?\(argument|static var allValueStrings|var defaultValueDescription|init\(stringLiteral|init\(\) \{\})"
)

def missing(root: pathlib.Path):
    for path in sorted(root.rglob("*.swift")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for index, line in enumerate(lines):
            stripped = line.strip()
            if not re.match(r"(@\w+(\([^)]*\))? )*(public|open) ", stripped):
                continue
            if EXEMPT.search(stripped):
                continue
            above = index - 1
            while above >= 0 and lines[above].strip().startswith("@"):
                above -= 1
            if above >= 0 and lines[above].strip().startswith("///"):
                continue
            # An extension's members are documented individually; `public extension` lines are not declarations.
            if re.match(r"(public )?extension ", stripped):
                continue
            yield f"{path}:{index + 1}: {stripped[:100]}"

if __name__ == "__main__":
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Sources")
    problems = list(missing(root))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} public declaration(s) without a doc comment", file=sys.stderr)
        sys.exit(1)
