use super::*;

const TEXT: &str = "He need it, señor.";

fn finding(span: std::ops::Range<usize>) -> Finding {
    Finding {
        rule: "GRAMMAR/HE_VERB_AGR".into(),
        span,
        message: "Did you mean “needs”?".into(),
        replacements: vec!["needs".into()],
    }
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("findings-"))
        .collect();
    names.sort();
    names
}

#[test]
fn findings_saved_by_one_run_answer_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let first = Cache::open(dir.path(), 7);
    assert!(!first.found());
    assert_eq!(first.get(TEXT), None);
    first.put(TEXT, &[finding(3..7)]);
    first.put("Fine.", &[]);
    first.save().unwrap();

    let second = Cache::open(dir.path(), 7);
    assert!(second.found());
    assert_eq!(second.get(TEXT), Some(vec![finding(3..7)]));
    assert_eq!(second.get("Fine."), Some(vec![]));
    assert_eq!(second.get("He need it, senor."), None);
    assert_eq!(second.hits.load(Ordering::Relaxed), 2);
    assert_eq!(second.misses.load(Ordering::Relaxed), 1);

    let other_settings = Cache::open(dir.path(), 8);
    assert_eq!(other_settings.get(TEXT), None);
}

#[test]
fn nothing_is_written_when_every_paragraph_came_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let first = Cache::open(dir.path(), 7);
    first.put(TEXT, &[]);
    first.save().unwrap();
    let path = path(dir.path(), 7);
    let written = fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let second = Cache::open(dir.path(), 7);
    assert!(second.get(TEXT).is_some());
    second.save().unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), written);
}

#[test]
fn a_damaged_file_is_ignored_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let first = Cache::open(dir.path(), 7);
    first.put(TEXT, &[finding(3..7)]);
    first.save().unwrap();
    let path = path(dir.path(), 7);
    let mut bytes = fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&path, &bytes).unwrap();

    let damaged = Cache::open(dir.path(), 7);
    assert!(!damaged.found());
    assert_eq!(damaged.get(TEXT), None);
    damaged.put(TEXT, &[finding(3..7)]);
    damaged.save().unwrap();
    assert_eq!(
        Cache::open(dir.path(), 7).get(TEXT),
        Some(vec![finding(3..7)])
    );
}

#[test]
fn findings_that_do_not_fit_the_paragraph_are_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    // "ñ" is bytes 14..16: 15..16 cuts it; 30 is past the end; the last ends before it starts.
    let backwards = std::ops::Range { start: 7, end: 3 };
    for span in [15..16, 3..30, backwards] {
        let cache = Cache::open(dir.path(), 9);
        cache.put(TEXT, &[finding(span.clone())]);
        cache.save().unwrap();
        assert_eq!(
            Cache::open(dir.path(), 9).get(TEXT),
            None,
            "{span:?} was trusted"
        );
    }
}

#[test]
fn runs_that_save_at_the_same_time_keep_each_others_findings() {
    let dir = tempfile::tempdir().unwrap();
    let texts: Vec<String> = (0..8).map(|i| format!("Paragraph number {i}.")).collect();
    std::thread::scope(|scope| {
        for text in &texts {
            let dir = dir.path();
            scope.spawn(move || {
                let cache = Cache::open(dir, 7);
                cache.put(text, &[]);
                cache.save().unwrap();
            });
        }
    });
    let cache = Cache::open(dir.path(), 7);
    for text in &texts {
        assert_eq!(cache.get(text), Some(vec![]), "{text} was lost");
    }
}

#[test]
fn the_least_recently_used_entries_go_first() {
    let entry = |used: u32| Entry {
        len: 10,
        used,
        findings: vec![finding(0..2)],
    };
    let size = entry(0).size();
    let mut entries: HashMap<u128, Entry> = (0..10).map(|i| (i as u128, entry(i))).collect();
    evict(&mut entries, size * 4);
    let mut kept: Vec<u128> = entries.into_keys().collect();
    kept.sort();
    assert_eq!(kept, [6, 7, 8, 9]);
}

#[test]
fn only_the_most_recently_written_files_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    for fingerprint in 1..=(FILES_KEPT as u128 + 2) {
        let cache = Cache::open(dir.path(), fingerprint);
        cache.put(TEXT, &[]);
        cache.save().unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    let kept = files(dir.path());
    assert_eq!(kept.len(), FILES_KEPT);
    assert!(!kept.contains(&format!("findings-{:032x}", 1)));
    assert!(kept.contains(&format!("findings-{:032x}", FILES_KEPT + 2)));
}

#[test]
fn a_cache_folder_that_cannot_be_made_is_an_error_to_report() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    fs::write(&blocker, "").unwrap();
    let cache = Cache::open(&blocker.join("cache"), 7);
    cache.put(TEXT, &[]);
    assert!(cache.save().is_err());
}

#[test]
fn a_long_running_process_finds_its_own_findings_before_and_after_saving() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(dir.path(), 7);
    cache.put(TEXT, &[finding(3..7)]);
    assert_eq!(
        cache.get(TEXT),
        Some(vec![finding(3..7)]),
        "before the save"
    );
    cache.save().unwrap();
    assert_eq!(cache.get(TEXT), Some(vec![finding(3..7)]), "after the save");
    // A second save has nothing new to write: the file stays as it is.
    let path = path(dir.path(), 7);
    let written = fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    cache.save().unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), written);
    // A paragraph put after the first save is written by the next.
    cache.put("Fine.", &[]);
    cache.save().unwrap();
    let next = Cache::open(dir.path(), 7);
    assert_eq!(next.get(TEXT), Some(vec![finding(3..7)]));
    assert_eq!(next.get("Fine."), Some(vec![]));
}

#[test]
fn a_cache_in_memory_answers_within_the_process_and_writes_nothing() {
    let cache = Cache::memory(7);
    assert_eq!(cache.dir(), None);
    assert_eq!(cache.get(TEXT), None);
    cache.put(TEXT, &[finding(3..7)]);
    cache.save().unwrap();
    assert_eq!(cache.get(TEXT), Some(vec![finding(3..7)]));
    // A span that does not fall on the paragraph's character boundaries is never answered.
    cache.put("señor", &[finding(2..3)]);
    assert_eq!(cache.get("señor"), None);
}
