//! The schema, value, logging and PVE rules never panic: every corpus file,
//! cut at many points and with bytes replaced, is linted under both profiles.

use corolint::lint::{self, Analysis};
use corolint::rules::Profile;
use corolint::source::SourceFile;

fn inputs() -> Vec<Vec<u8>> {
    let mut out = vec![
        b"".to_vec(),
        b":\n".to_vec(),
        b"totem {\n: x\n:y\n a:b: c\n}\n".to_vec(),
        b"nodelist {\n node {\n ring-1_addr: x\n ring99999999999999999999_addr: y\n }\n}\n".to_vec(),
        b"totem: {\n interface {\n ringnumber: x\n }\n}\nnozzle {\n name: n\n ipaddr: ::\n ipprefix: 99\n}\n".to_vec(),
        b"\xC2\xA0key: v\n\xA0x: y\ncluster_name: a {\n}\n".to_vec(),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    for rule in std::fs::read_dir(&dir).expect("testdata/rules").flatten() {
        for f in std::fs::read_dir(rule.path()).expect("rule dir").flatten() {
            let bytes = std::fs::read(f.path()).expect("fixture");
            for cut in (0..bytes.len()).step_by(17) {
                out.push(bytes[..cut].to_vec());
            }
            for (i, b) in [b'{', b'}', b':', b'#', b'"', 0xA0, b'\n'].into_iter().enumerate() {
                let mut m = bytes.clone();
                for p in (i * 7..m.len()).step_by(41) {
                    m[p] = b;
                }
                out.push(m);
            }
        }
    }
    out
}

#[test]
fn rules_survive_mangled_input() {
    for bytes in inputs() {
        let analysis = Analysis::new(SourceFile::new("mangled.conf", bytes));
        for profile in [Profile::Generic, Profile::Pve] {
            let _ = lint::lint(&analysis, profile, |_| true);
        }
    }
}
