/// MIME types by file extension, for media whose type is not given.
package enum MediaType {
    static let byExtension: [String: String] = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
        "svg": "image/svg+xml", "mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg", "wav": "audio/wav",
        "mp4": "video/mp4", "webm": "video/webm", "mov": "video/quicktime", "pdf": "application/pdf",
    ]

    /// `image`, `video` or `audio`, as a MIME type says; nil for any other type.
    public static func kind(ofType type: String?) -> String? {
        guard let type else { return nil }
        return ["image", "video", "audio"].first { type.hasPrefix($0 + "/") }
    }

    /// The MIME type suggested by a URL's file extension, if any.
    public static func guess(fromURL url: String) -> String? {
        var path = Substring(url)
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        return byExtension[path[path.index(after: dot)...].lowercased()]
    }
}
