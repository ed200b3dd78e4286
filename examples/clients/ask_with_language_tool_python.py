"""Asks `ownvoice serve` through language_tool_python, a LanguageTool client we did not
write, as a Python program would use it, and prints what the client makes of each match.

    python3 ask_with_language_tool_python.py http://127.0.0.1:8081 [LANGUAGE]

Exit status 0 when the client read ownvoice's matches as expected (the words under each
match, the rule ids, no replacements), 1 otherwise. `run.sh` beside this file installs the
client in a temporary virtual environment and starts the server.
"""

import sys

import language_tool_python

# Accents and emoji before the mistakes: the client must turn UTF-16 offsets into Python's.
TEXT = "Café owners in Zürich 😀😀 said she go home.\n\nMy brother need a new bike."
EXPECTED = [("go", "HARPER/PronounVerbAgreement"), ("need", "OWNVOICE/SINGULAR_SUBJECT_BASE_VERB")]


def main() -> int:
    url = sys.argv[1]
    language = sys.argv[2] if len(sys.argv) > 2 else "en-US"
    tool = language_tool_python.LanguageTool(language, remote_server=url)
    matches = tool.check(TEXT)
    seen = []
    for match in matches:
        words = TEXT[match.offset : match.offset + match.error_length]
        seen.append((words, match.rule_id))
        print(f"{match.rule_id} [{match.category}, {match.rule_issue_type}] {words!r}")
        print(f"    {match.message}")
        print(f"    context: {match.context!r} at {match.offset_in_context}")
        print(f"    replacements: {match.replacements}")
    # Turning a rule off, as a client's settings do.
    tool.disabled_rules = {"HARPER/PronounVerbAgreement"}
    quieter = [match.rule_id for match in tool.check(TEXT)]
    print(f"with HARPER/PronounVerbAgreement disabled: {quieter}")
    tool.close()
    good = (
        seen == EXPECTED
        and all(not match.replacements for match in matches)
        and "HARPER/PronounVerbAgreement" not in quieter
    )
    print("language_tool_python read ownvoice's matches" if good else f"unexpected: {seen}")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
