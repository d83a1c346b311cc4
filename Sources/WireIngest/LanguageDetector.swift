/// A small stop-word language detector: it names a language only when the evidence is clear.
package enum LanguageDetector {
    static let stopWords: [String: Set<String>] = [
        "en": [
            "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "said", "it", "by", "as", "at",
            "from", "be", "has", "have", "are", "will", "this", "which", "were", "their", "its", "an", "after", "but",
            "not", "who",
        ],
        "es": [
            "el", "los", "las", "que", "y", "en", "del", "por", "con", "para", "una", "es", "se", "su", "al",
            "lo", "como", "más", "pero", "sus", "ha", "fue", "este", "esta", "según", "también", "sobre", "entre",
        ],
        "fr": [
            "le", "les", "des", "et", "est", "une", "du", "qui", "dans", "pour", "pas", "sur", "au", "aux",
            "avec", "ce", "il", "elle", "ont", "par", "sont", "été", "cette", "mais", "selon", "plus", "leur",
        ],
        "de": [
            "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein", "eine", "zu", "von", "auf", "für",
            "sich", "des", "im", "auch", "es", "wird", "wurde", "sie", "bei", "nach", "einer", "werden", "hat", "sagte",
        ],
        "pt": [
            "os", "do", "da", "em", "um", "uma", "com", "não", "mais", "dos", "das", "ao", "foi", "pelo",
            "pela", "são", "também", "disse", "seu", "sua", "como", "mas", "nas", "nos", "no", "na", "não", "há",
            "à", "às", "após", "até", "estão", "está", "ainda", "deste", "desta", "neste", "nesta", "segundo", "pelos",
        ],
        "it": [
            "il", "gli", "di", "che", "della", "del", "per", "non", "con", "sono", "è", "anche", "alla", "nel",
            "più", "ha", "degli", "delle", "dei", "ma", "come", "stato", "questo",
        ],
        "nl": [
            "het", "een", "en", "van", "dat", "op", "te", "niet", "met", "voor", "zijn", "die", "ook", "aan",
            "werd", "door", "naar", "heeft", "wordt", "bij", "om", "nog", "maar",
        ],
        "ar": [
            "في", "من", "على", "إلى", "أن", "التي", "الذي", "عن", "مع", "هذا", "هذه", "كان", "قال", "بين", "وقال", "إن",
            "ما", "لا", "أو", "بعد", "أنه", "إنه", "كما", "حيث", "خلال", "ذلك", "قد", "لم", "تم", "الى", "منذ", "حتى",
            "عند", "كل", "هو", "هي", "وفي", "ومن", "وأن", "أكثر", "نحو", "اليوم", "الذين", "عام",
        ],
        // Words Indonesian and Malay share: evidence for the pair, not for one of them.
        "id+ms": [
            "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "tidak", "akan", "dalam",
            "juga", "oleh", "telah", "adalah", "sebagai", "atau", "ada", "kepada", "mereka", "kami", "kita", "bagi",
            "lebih",
        ],
    ]
    static let indonesianOnly: Set<String> = [
        "bahwa", "mengatakan", "pemerintah", "kemudian", "namun", "saat", "sejak", "karena", "bisa", "pekan", "uang",
        "tersebut", "rencana", "menurut", "setelah", "sementara", "selasa", "kamis", "hingga", "sedang",
    ]
    static let malayOnly: Set<String> = [
        "bahawa", "berkata", "kerajaan", "kerana", "boleh", "wang", "ialah", "semalam", "iaitu", "mahu", "sahaja",
        "selepas", "daripada", "beliau", "pihak", "terhadap", "negara", "kira-kira", "bersama", "setakat", "jajahan",
        "sekiranya", "dijangka", "kesemua", "terjejas", "berbanding", "bekalan", "manakala", "sehingga", "bilangan",
    ]

    /// The BCP 47 code of the language of `paragraphs`, or nil when unsure.
    public static func detect(_ paragraphs: [String]) -> String? {
        var hits: [String: Int] = [:]
        var idOnly = 0
        var msOnly = 0
        var words = 0
        for paragraph in paragraphs {
            for word in tokens(paragraph) {
                words += 1
                for (lang, set) in stopWords where set.contains(word) { hits[lang, default: 0] += 1 }
                if indonesianOnly.contains(word) { idOnly += 1 }
                if malayOnly.contains(word) { msOnly += 1 }
            }
            if words > 2000 { break }
        }
        hits["id+ms", default: 0] += idOnly + msOnly
        let ranked = hits.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        guard words >= 15, let best = ranked.first, best.value >= 5 else { return nil }
        let second = ranked.count > 1 ? ranked[1].value : 0
        guard Double(best.value) >= 1.5 * Double(second) && Double(best.value) >= 0.12 * Double(words) else {
            return nil
        }
        guard best.key == "id+ms" else { return best.key }
        if idOnly >= 2 && Double(idOnly) >= 2 * Double(msOnly) { return "id" }
        if msOnly >= 2 && Double(msOnly) >= 2 * Double(idOnly) { return "ms" }
        return nil
    }

    static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.properties.isAlphabetic || u == "-" {
                current.append(u)
            } else if !current.isEmpty {
                out.append(String(current).lowercased())
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { out.append(String(current).lowercased()) }
        return out
    }
}
