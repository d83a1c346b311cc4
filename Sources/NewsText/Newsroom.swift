import TextKernel
import WireModel

/// Newsroom conventions as data: the labels, phrases and shapes that wire agencies and news
/// sites in Indonesian, Malay, English, Spanish, French, German, Portuguese, Italian, Dutch
/// and Arabic put around a story. Matching is on lowercased text; every entry is documented
/// with an example in the README ("What the cleaned-article reader understands").
package enum Newsroom {
    /// `Sumber: ANTARA`: the story's source.
    static let sourceLabels: Set<String> = [
        "sumber", "source", "sources", "fuente", "fuentes", "quelle", "fonte", "bron", "kaynak", "المصدر",
        "источник",
    ]

    /// `Pewarta: A`, `Editor: B`, `تصوير: C`: people, by role.
    static let creditLabels: [String: Person.Role] = [
        // Indonesian, Malay
        "pewarta": .author, "reporter": .author, "penulis": .author, "wartawan": .author, "oleh": .author,
        "laporan": .author, "editor": .editor, "penyunting": .editor, "redaktur": .editor, "penyelaras": .editor,
        "pewarta foto": .photographer, "fotografer": .photographer, "foto": .photographer, "kontributor": .contributor,
        // English
        "author": .author, "writer": .author, "by": .author, "reporting": .author, "photographer": .photographer,
        "photo": .photographer, "photos": .photographer, "contributor": .contributor, "edited by": .editor,
        "editing": .editor,
        // Spanish, Portuguese
        "por": .author, "autor": .author, "autora": .author, "redacción": .author, "redactor": .author,
        "edición": .editor, "edição": .editor, "reportagem": .author, "repórter": .author, "texto": .author,
        "fotografía": .photographer, "fotografia": .photographer, "fotos": .photographer,
        // French
        "auteur": .author, "par": .author, "édition": .editor, "photographe": .photographer,
        // German
        "von": .author, "redaktion": .editor, "bearbeitung": .editor,
        // Italian
        "autore": .author, "a cura di": .editor, "redazione": .editor,
        // Dutch
        "door": .author, "redactie": .editor, "eindredactie": .editor, "fotografie": .photographer,
        // Arabic
        "تحرير": .editor, "تصوير": .photographer, "إعداد": .author, "كتابة": .author, "مراسل": .author,
    ]

    /// `Reporting by A and B; Editing by C`: credit phrases without a colon.
    static let creditPhrases: [(phrase: String, role: Person.Role)] = [
        ("additional reporting by", .contributor), ("reporting by", .author), ("writing by", .author),
        ("compiled by", .author), ("editing by", .editor), ("edited by", .editor), ("photos by", .photographer),
        ("photo by", .photographer), ("translated by", .contributor),
    ]

    /// `By Maya Kusuma and Peter Hale` on the first line: an author byline.
    static let bylineWords: Set<String> = ["by", "par", "von", "oleh", "por", "door"]

    /// `Baca juga: …`: a link to another story.
    static let relatedLinkLabels: [String] = [
        "baca juga", "baca pula", "baca lagi", "lihat juga", "simak juga", "pilihan editor", "baca", "read also",
        "also read", "read more", "see also", "related", "lire aussi", "à lire aussi", "lesen sie auch",
        "mehr zum thema", "lea también", "leia também", "leia mais", "veja também", "leggi anche", "lees ook",
        "lees meer", "اقرأ أيضاً", "اقرأ أيضا", "اقرأ ايضا",
    ]

    /// `[Gambas:Video 20detik]`, `ADVERTISEMENT`: lines a page puts around a story.
    static let boilerplate: [String] = [
        "advertisement", "scroll to continue with content", "iklan", "إعلان", "publicité", "anzeige", "publicidad",
        "publicidade", "pubblicità", "advertentie", "our standards: the thomson reuters trust principles",
        "artikel ini disiarkan pada", "artikel ini telah tayang di",
    ]

    /// `Foto: Warga mengantre …`: a photo caption, not a credit.
    static let captionLabels: [String] = [
        "foto", "photo", "fotografía", "fotografia", "imagen", "imagem", "bild", "الصورة", "gambar",
    ]

    /// `All rights reserved.` in each language: not part of a rights holder.
    static let rightsReserved: [String] = [
        "all rights reserved", "hak cipta dilindungi undang-undang", "hak cipta terpelihara",
        "todos los derechos reservados",
        "todos os direitos reservados", "tous droits réservés", "reproduction interdite", "alle rechte vorbehalten",
        "tutti i diritti riservati", "riproduzione riservata", "alle rechten voorbehouden", "جميع الحقوق محفوظة",
        "حقوق النشر محفوظة",
    ]

    /// Words that open a copyright line.
    static let rightsOpeners: [String] = ["copyright", "hak cipta", "©", "(c)", "حقوق النشر", "derechos"]

    /// End-of-story markers: `(end)`, `Lusa/Fim`.
    static let endMarkers: Set<String> = [
        "end", "(end)", "schluss", "(schluss)", "fin", "(fin)", "fim", "ende", "selesai", "(selesai)", "-end-",
        "(النهاية)", "النهاية",
    ]

    /// Words of an agency name after a first-line byline (`By A, Associated Press`).
    static let bylineTails: [String] = [
        " - ", " – ", " — ", ", associated press", ", the associated press", ", reuters", ", afp", " | ",
    ]

    /// The small words of names (`van der`, `bin`, `da`): lowercase, still part of a name.
    static let nameParticles: Set<String> = [
        "van", "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "la", "le", "von", "zu", "bin",
        "binti", "bt", "bte", "al", "el", "ibn", "abu", "y", "e", "ter", "ten", "'t",
    ]

    /// Separators between names in a credit: `A dan B`, `A y B`, `A; B`.
    static let nameSeparators: [String] = [
        " dan ", " and ", " & ", " y ", " e ", " et ", " und ", " en ", " و ", ";", ",", "/",
    ]

    /// The first word of every label, phrase and marker above: a line whose first word is
    /// none of these (and that has no other sign) is prose, told without further tests.
    static let firstWords: Set<String> = {
        var words: Set<String> = []
        let all: [String] =
            Array(sourceLabels) + Array(creditLabels.keys) + creditPhrases.map(\.phrase) + Array(bylineWords)
            + relatedLinkLabels + boilerplate + captionLabels + rightsReserved + rightsOpeners + Array(endMarkers)
        for entry in all {
            if let first = entry.split(whereSeparator: { $0 == " " || $0 == ":" }).first { words.insert(String(first)) }
        }
        return words
    }()
}
