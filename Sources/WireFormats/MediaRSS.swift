package import WireModel
package import XMLCore

/// Media RSS (https://www.rssboard.org/media-rss) for one medium, as RSS and Atom carry it:
/// a `media:content` with its caption (`media:description`) and credit (`media:credit`,
/// `role="photographer"` for a picture), or, when the medium has renditions, a `media:group`
/// of them (`media:thumbnail` for the one named thumbnail, `isDefault` on the main one).
package enum MediaRSS {
    /// The medium's kind: the one given, else what its type says (image, video, audio).
    static func kind(_ m: Media, type: String?) -> String? {
        m.medium ?? MediaType.kind(ofType: type)
    }

    /// Writes the medium; `declare`: declare the namespace on the element (Atom, whose root
    /// does not declare it).
    package static func write(_ m: Media, url: String, with xml: XMLWriter, declare: Bool) throws {
        if m.renditions.count > 1 {
            try xml.startElement("media:group")
            if declare { try xml.attribute("xmlns:media", Namespace.media) }
            for r in m.renditions {
                guard let href = URIText.encoded(r.url) else { continue }
                let thumbnail = r.name == "thumbnail"
                try xml.startElement(thumbnail ? "media:thumbnail" : "media:content")
                try xml.attribute("url", href)
                if !thumbnail {
                    if let type = r.type { try xml.attribute("type", type) }
                    if let medium = kind(m, type: r.type ?? m.type) { try xml.attribute("medium", medium) }
                    if let length = r.length, length > 0 { try xml.attribute("fileSize", String(length)) }
                    if r.url == m.url { try xml.attribute("isDefault", "true") }
                }
                if let width = r.width, width > 0 { try xml.attribute("width", String(width)) }
                if let height = r.height, height > 0 { try xml.attribute("height", String(height)) }
                try xml.endElement()
            }
            try notes(m, with: xml)
            try xml.endElement()
            return
        }
        try xml.startElement("media:content")
        if declare { try xml.attribute("xmlns:media", Namespace.media) }
        try xml.attribute("url", url)
        if let type = m.type { try xml.attribute("type", type) }
        if let medium = kind(m, type: m.type ?? MediaType.guess(fromURL: m.url)) { try xml.attribute("medium", medium) }
        if let length = m.length, length > 0 { try xml.attribute("fileSize", String(length)) }
        if let width = m.width, width > 0 { try xml.attribute("width", String(width)) }
        if let height = m.height, height > 0 { try xml.attribute("height", String(height)) }
        try notes(m, with: xml)
        try xml.endElement()
    }

    /// The caption and the credit (a picture's credit names its photographer, in the EBU
    /// role scheme Media RSS recommends).
    static func notes(_ m: Media, with xml: XMLWriter) throws {
        if let caption = m.caption { try xml.element("media:description", text: caption) }
        if let credit = m.credit {
            if m.isPicture {
                try xml.element(
                    "media:credit", attributes: ["role": "photographer", "scheme": "urn:ebu"], text: credit)
            } else {
                try xml.element("media:credit", text: credit)
            }
        }
    }
}
