//! Fingerprints of results and texts: the issues of `ownvoice check --format jsonl` output
//! and of the naive engines' findings are reduced to their rule and byte span, in order, and
//! hashed, so that two runs on the same text can be compared without keeping their output.
//! The path, the messages and the explanations are left out: they do not say what was found.

/// The number of issues in `ownvoice check --format jsonl` output, and their digest.
pub fn issues(jsonl: &str) -> Result<(usize, String), String> {
    let mut found = Vec::new();
    for line in jsonl.lines() {
        let issue: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("an issue line: {e}: {line}"))?;
        let field = |name: &str| issue[name].as_u64().unwrap_or(u64::MAX) as usize;
        let rule = issue["rule"].as_str().unwrap_or_default().to_string();
        found.push((rule, field("byte_start"), field("byte_end")));
    }
    let digest = digest(found.iter().map(|(r, s, e)| (r.as_str(), *s, *e)));
    Ok((found.len(), digest))
}

/// A short fingerprint of issues (rule and byte span, in order): equal digests, same results.
pub fn digest<'a>(issues: impl Iterator<Item = (&'a str, usize, usize)>) -> String {
    let mut listed = String::new();
    for (rule, start, end) in issues {
        listed.push_str(&format!("{rule}\t{start}\t{end}\n"));
    }
    digest_bytes(listed.as_bytes())
}

/// FNV-1a, 64 bits, in hex: enough to notice a change, not a cryptographic hash.
pub fn digest_bytes(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_are_counted_and_digested_by_rule_and_span() {
        let line = |rule: &str, start: usize| {
            format!(
                "{{\"path\":\"a\",\"rule\":\"{rule}\",\"byte_start\":{start},\"byte_end\":9}}\n"
            )
        };
        let one = line("GRAMMAR/X", 1) + &line("HARPER/Y", 4);
        let other_path = one.replace("\"a\"", "\"b\"");
        let moved = line("GRAMMAR/X", 2) + &line("HARPER/Y", 4);
        assert_eq!(issues(&one).unwrap().0, 2);
        assert_eq!(issues(&one).unwrap(), issues(&other_path).unwrap());
        assert_ne!(issues(&one).unwrap().1, issues(&moved).unwrap().1);
    }
}
