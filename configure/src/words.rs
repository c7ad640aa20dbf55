//! The configurator's words, in English, Arabic and French: its labels and
//! messages, and each attribute's description and default (English from the
//! widget's attribute table, Arabic from [`AR_ATTRIBUTES`] and French from
//! [`FR_ATTRIBUTES`], which a test keeps in step with the table). The
//! widget's own messages stay the widget's.

use crate::setup::{Problem, Ui};
use news_headlines::attributes::Attribute;

/// The fixed texts of one language.
#[derive(Debug)]
pub struct Words {
    /// The page's title and main heading.
    pub title: &'static str,
    /// What the page is for.
    pub intro: &'static str,
    /// The language switch's text, in the other language.
    pub switch: &'static str,
    /// The link back to the demo.
    pub demo: &'static str,
    /// The feed section's heading.
    pub feed_heading: &'static str,
    /// The feed URL field's label.
    pub feed_label: &'static str,
    /// The button that checks the feed.
    pub check: &'static str,
    /// While the feed is being checked.
    pub checking: &'static str,
    /// Before any feed URL is given.
    pub no_feed: &'static str,
    /// A feed URL that is not an http(s) URL.
    pub not_a_url: &'static str,
    /// Introduces the widget's own message.
    pub widget_says: &'static str,
    /// Nothing answered.
    pub unreachable: &'static str,
    /// A server answered without a CORS header; the origin follows.
    pub no_cors: &'static str,
    /// A JSON Feed without usable items.
    pub no_items: &'static str,
    /// The summary's heading.
    pub offers: &'static str,
    /// Summary rows.
    pub feed_title: &'static str,
    /// Summary row: language.
    pub language: &'static str,
    /// Summary row: items.
    pub items: &'static str,
    /// Summary row: tags.
    pub tags: &'static str,
    /// Summary row: images.
    pub images: &'static str,
    /// Summary row: home page.
    pub home_page: &'static str,
    /// A summary value the feed does not give.
    pub not_given: &'static str,
    /// No language: what the widget does then.
    pub no_language: &'static str,
    /// No home page: what the fallback link uses then.
    pub no_home_page: &'static str,
    /// The options section's heading.
    pub options_heading: &'static str,
    /// Marks the default option of a select.
    pub default_mark: &'static str,
    /// Before a default.
    pub default_is: &'static str,
    /// The preview section's heading.
    pub preview_heading: &'static str,
    /// Under the preview's heading.
    pub preview_note: &'static str,
    /// Before the preview can show.
    pub preview_waits: &'static str,
    /// The code section's heading.
    pub code_heading: &'static str,
    /// The hosting base field's label.
    pub cdn_label: &'static str,
    /// Under the hosting base field; the folder follows.
    pub cdn_hint: &'static str,
    /// A hosting base that is not an absolute http(s) URL.
    pub bad_cdn: &'static str,
    /// The code's label.
    pub code_label: &'static str,
    /// The copy button for the code.
    pub copy_code: &'static str,
    /// The iframe code's label (hosts without scripts).
    pub iframe_label: &'static str,
    /// The AMP code's label.
    pub amp_label: &'static str,
    /// The toggle of a code's preview.
    pub preview_code: &'static str,
    /// The share link's label.
    pub share_label: &'static str,
    /// The copy button for the link.
    pub copy_link: &'static str,
    /// Announced after copying.
    pub copied: &'static str,
    /// Announced when the clipboard refused: the text is selected instead.
    pub selected: &'static str,
    /// Before the code can be written.
    pub code_waits: &'static str,
    /// The widget's release could not be read; the reason follows.
    pub no_release: &'static str,
    /// The fallback link's text when there is no heading and no feed title.
    pub fallback_text: &'static str,
}

/// English.
pub const EN: Words = Words {
    title: "Embed headlines on your site",
    intro: "Paste the address of a JSON Feed, pick the options and watch the widget change, then copy the code \
            into your page.",
    switch: "العربية",
    demo: "Back to the demo",
    feed_heading: "Your feed",
    feed_label: "JSON Feed URL",
    check: "Check feed",
    checking: "Checking the feed…",
    no_feed: "Type the address of your JSON Feed and check it to see what it offers.",
    not_a_url: "This is not a web address: type the feed's full URL, starting with https://",
    widget_says: "The widget says:",
    unreachable: "Not reachable: nothing answered at this address (a wrong URL, a server that is down, or no \
                  network).",
    no_cors: "No CORS header for this origin: the server answered, but its answer does not allow pages on other \
              sites to read the feed (Access-Control-Allow-Origin). Origin checked:",
    no_items: "No usable items: this JSON Feed has no item with an id and some text.",
    offers: "What the feed offers",
    feed_title: "Title",
    language: "Language",
    items: "Items",
    tags: "Tags",
    images: "Images",
    home_page: "Home page",
    not_given: "not given",
    no_language: "not given: the widget speaks the page's language",
    no_home_page: "not given: the fallback link goes to the feed",
    options_heading: "Options",
    default_mark: "(default)",
    default_is: "Default:",
    preview_heading: "Preview",
    preview_note: "The real widget, updated as you change the options.",
    preview_waits: "The widget shows here once the feed is set.",
    code_heading: "Code for your page",
    cdn_label: "Where the widget is hosted (base URL)",
    cdn_hint: "The address under which this folder is served:",
    bad_cdn: "Not used: give a full address starting with https://, e.g. https://cdn.example/widgets",
    code_label: "Paste this where the headlines should appear",
    copy_code: "Copy code",
    iframe_label: "Where scripts are not allowed: this iframe (the resizer script is optional)",
    amp_label: "On AMP pages: this amp-iframe",
    preview_code: "Preview",
    share_label: "Link to this configuration",
    copy_link: "Copy link",
    copied: "Copied to the clipboard.",
    selected: "Selected: press Ctrl+C (⌘C on a Mac) to copy.",
    code_waits: "The code appears once the feed is set.",
    no_release: "The widget's release could not be read, so no pinned code can be written:",
    fallback_text: "Latest headlines",
};

/// Arabic.
pub const AR: Words = Words {
    title: "اعرض العناوين على موقعك",
    intro: "الصق عنوان موجز JSON Feed، واختر الإعدادات وشاهد الأداة تتغيّر، ثم انسخ الشيفرة إلى صفحتك.",
    switch: "Français",
    demo: "العودة إلى العرض التجريبي",
    feed_heading: "موجزك",
    feed_label: "رابط موجز JSON Feed",
    check: "افحص الموجز",
    checking: "جارٍ فحص الموجز…",
    no_feed: "اكتب عنوان موجز JSON Feed وافحصه لترى ما يقدّمه.",
    not_a_url: "هذا ليس عنواناً على الويب: اكتب الرابط الكامل للموجز، بدءاً بـ https://",
    widget_says: "رسالة الأداة:",
    unreachable: "يتعذّر الوصول: لم يُجب شيء على هذا العنوان (رابط خاطئ، أو خادم متوقف، أو لا اتصال بالشبكة).",
    no_cors: "لا ترويسة CORS لهذا الأصل: أجاب الخادم، لكن جوابه لا يسمح لصفحات المواقع الأخرى بقراءة الموجز \
              (Access-Control-Allow-Origin). الأصل الذي فُحص:",
    no_items: "لا عناصر صالحة: لا يحوي هذا الموجز أي عنصر له معرّف ونص.",
    offers: "ما يقدّمه الموجز",
    feed_title: "العنوان",
    language: "اللغة",
    items: "العناصر",
    tags: "الوسوم",
    images: "الصور",
    home_page: "الصفحة الرئيسية",
    not_given: "غير محدد",
    no_language: "غير محددة: تتحدث الأداة بلغة الصفحة",
    no_home_page: "غير محددة: يشير الرابط البديل إلى الموجز",
    options_heading: "الإعدادات",
    default_mark: "(افتراضي)",
    default_is: "الافتراضي:",
    preview_heading: "معاينة",
    preview_note: "الأداة الحقيقية، تتحدّث كلما غيّرت الإعدادات.",
    preview_waits: "تظهر الأداة هنا بعد تحديد الموجز.",
    code_heading: "الشيفرة لصفحتك",
    cdn_label: "مكان استضافة الأداة (الرابط الأساسي)",
    cdn_hint: "العنوان الذي يُقدَّم تحته هذا المجلد:",
    bad_cdn: "غير مستخدم: اكتب عنواناً كاملاً يبدأ بـ https://، مثل https://cdn.example/widgets",
    code_label: "الصق هذه الشيفرة حيث تريد أن تظهر العناوين",
    copy_code: "انسخ الشيفرة",
    iframe_label: "حيث لا يُسمح بالسكربتات: هذا الإطار (سكربت ضبط الارتفاع اختياري)",
    amp_label: "في صفحات AMP: هذا العنصر amp-iframe",
    preview_code: "معاينة",
    share_label: "رابط هذا الإعداد",
    copy_link: "انسخ الرابط",
    copied: "نُسخ إلى الحافظة.",
    selected: "حُدّد النص: اضغط Ctrl+C (أو ⌘C على ماك) لنسخه.",
    code_waits: "تظهر الشيفرة بعد تحديد الموجز.",
    no_release: "تعذّرت قراءة إصدار الأداة، فلا يمكن كتابة شيفرة مثبّتة:",
    fallback_text: "آخر العناوين",
};

/// French.
pub const FR: Words = Words {
    title: "Affichez des titres sur votre site",
    intro: "Collez l’adresse d’un flux JSON Feed, choisissez les options et regardez le widget changer, puis copiez \
            le code dans votre page.",
    switch: "English",
    demo: "Retour à la démo",
    feed_heading: "Votre flux",
    feed_label: "URL du flux JSON Feed",
    check: "Vérifier le flux",
    checking: "Vérification du flux…",
    no_feed: "Saisissez l’adresse de votre flux JSON Feed et vérifiez-le pour voir ce qu’il propose.",
    not_a_url: "Ce n’est pas une adresse web : saisissez l’URL complète du flux, commençant par https://",
    widget_says: "Le widget indique :",
    unreachable: "Injoignable : rien n’a répondu à cette adresse (URL erronée, serveur arrêté ou pas de réseau).",
    no_cors: "Pas d’en-tête CORS pour cette origine : le serveur a répondu, mais sa réponse ne permet pas aux pages \
              d’autres sites de lire le flux (Access-Control-Allow-Origin). Origine vérifiée :",
    no_items: "Aucun élément utilisable : ce flux JSON Feed n’a aucun élément avec un identifiant et du texte.",
    offers: "Ce que propose le flux",
    feed_title: "Titre",
    language: "Langue",
    items: "Éléments",
    tags: "Étiquettes",
    images: "Images",
    home_page: "Page d’accueil",
    not_given: "non indiqué",
    no_language: "non indiquée : le widget parle la langue de la page",
    no_home_page: "non indiquée : le lien de repli mène au flux",
    options_heading: "Options",
    default_mark: "(par défaut)",
    default_is: "Par défaut :",
    preview_heading: "Aperçu",
    preview_note: "Le vrai widget, mis à jour à chaque changement d’option.",
    preview_waits: "Le widget s’affiche ici une fois le flux indiqué.",
    code_heading: "Code pour votre page",
    cdn_label: "Où le widget est hébergé (URL de base)",
    cdn_hint: "L’adresse sous laquelle ce dossier est servi :",
    bad_cdn:
        "Non utilisé : donnez une adresse complète commençant par https://, par exemple https://cdn.example/widgets",
    code_label: "Collez ceci là où les titres doivent apparaître",
    copy_code: "Copier le code",
    iframe_label: "Là où les scripts ne sont pas permis : cette iframe (le script d’ajustement est facultatif)",
    amp_label: "Sur les pages AMP : cette amp-iframe",
    preview_code: "Aperçu",
    share_label: "Lien vers cette configuration",
    copy_link: "Copier le lien",
    copied: "Copié dans le presse-papiers.",
    selected: "Sélectionné : appuyez sur Ctrl+C (⌘C sur Mac) pour copier.",
    code_waits: "Le code apparaît une fois le flux indiqué.",
    no_release: "La version du widget n’a pas pu être lue, aucun code épinglé ne peut donc être écrit :",
    fallback_text: "Derniers titres",
};

/// Each attribute's description and, when its default is a remark rather
/// than a value, that remark, in French.
pub const FR_ATTRIBUTES: &[(&str, &str, &str)] = &[
    ("src", "URL du flux, résolue par rapport à l’URL de la page.", "(obligatoire)"),
    ("heading", "Texte du titre.", "le `title` du flux"),
    ("limit", "Nombre de titres affichés, de 1 à 50.", ""),
    ("refresh", "Secondes entre deux mises à jour ; `0` = jamais ; en dessous de 5, 5.", ""),
    ("tag", "N’affiche que les éléments dont les `tags` le contiennent (sans tenir compte de la casse).", "(aucun)"),
    ("theme", "`light` clair, `dark` sombre, ou `auto` (suit `prefers-color-scheme`).", ""),
    ("target", "Où s’ouvrent les liens ; ils portent toujours `rel=\"noopener\"`.", ""),
    ("lang", "Langue des textes et des dates du widget.", "le `language` du flux, sinon celle de la page"),
    ("dir", "Sens du texte ; `auto` suit la langue (`ar`, `fa`, `he`, `ur`… se lisent de droite à gauche).", ""),
    (
        "images",
        "`on` affiche l’`image` de chaque élément (sinon `banner_image`) en vignette 96×64 chargée à la demande.",
        "",
    ),
    (
        "dates",
        "`auto` : « il y a 3 heures » jusqu’à 7 jours, puis la date (avec l’année si ce n’est pas l’année en cours) ; \
         ou `relative`, `absolute` ou `none`.",
        "",
    ),
    (
        "link-params",
        "Paramètres ajoutés à chaque lien, par exemple `utm_source=partner&utm_medium=widget` ; un paramètre déjà \
         présent dans le lien est conservé.",
        "(aucun)",
    ),
    (
        "loading",
        "`lazy`, comme pour `<img>` : ni le code du widget ni son flux ne sont chargés avant que le widget soit près \
         d’être vu ; le contenu de repli s’affiche jusque-là.",
        "",
    ),
    (
        "strings",
        "Vos propres mots : un objet JSON associant des noms de phrases à des textes, par exemple \
         `{\"updated\": \"Mis à jour {time}\"}` ; affichés comme texte, jamais comme HTML, appliqués aussitôt ; \
         une valeur inutilisable (phrase inconnue, valeur non textuelle, JSON invalide) est signalée une fois et les \
         mots du widget restent.",
        "(aucun)",
    ),
];

/// Each attribute's description and, when its default is a remark rather
/// than a value, that remark, in Arabic.
pub const AR_ATTRIBUTES: &[(&str, &str, &str)] = &[
    ("src", "رابط الموجز، يُقرأ نسبةً إلى رابط الصفحة.", "(مطلوب)"),
    ("heading", "نص العنوان.", "عنوان الموجز (`title`)"),
    ("limit", "عدد العناوين المعروضة، من 1 إلى 50.", ""),
    ("refresh", "الثواني بين تحديثين؛ `0` = بلا تحديث؛ وما دون 5 يصبح 5.", ""),
    ("tag", "اعرض فقط العناصر التي يحوي `tags` فيها هذا الوسم (دون تمييز حالة الأحرف).", "(لا شيء)"),
    ("theme", "`light` فاتح، أو `dark` داكن، أو `auto` (يتبع `prefers-color-scheme`).", ""),
    ("target", "أين تُفتح الروابط؛ وتحمل الروابط دائماً `rel=\"noopener\"`.", ""),
    ("lang", "لغة نصوص الأداة وتواريخها.", "لغة الموجز (`language`)، وإلا لغة الصفحة"),
    ("dir", "اتجاه النص؛ `auto` يتبع اللغة (`ar` و`fa` و`he` و`ur`… تُقرأ من اليمين إلى اليسار).", ""),
    ("images", "`on` يعرض صورة كل عنصر (`image`، وإلا `banner_image`) مصغّرةً بقياس 96×64 تُحمَّل عند الحاجة.", ""),
    (
        "dates",
        "`auto`: «منذ 3 ساعات» حتى 7 أيام، ثم التاريخ (مع السنة إن لم تكن السنة الحالية)؛ أو `relative` أو \
         `absolute` أو `none`.",
        "",
    ),
    (
        "link-params",
        "معاملات استعلام تُضاف إلى كل رابط، مثل `utm_source=partner&utm_medium=widget`؛ ويبقى المعامل الموجود في \
         الرابط كما هو.",
        "(لا شيء)",
    ),
    (
        "loading",
        "`lazy` كما في `<img>`: لا تُجلب شيفرة الأداة ولا موجزها حتى تقترب الأداة من الظهور؛ ويظهر المحتوى البديل \
         حتى ذلك الحين.",
        "",
    ),
    (
        "strings",
        "كلمات الناشر الخاصة: كائن JSON يربط أسماء العبارات بنصوصها، مثل `{\"new\": \"عاجل\"}`؛ تُعرض نصاً لا HTML \
         وتُطبَّق فوراً، وما لا يصلح منها (عبارة مجهولة، أو قيمة غير نصية، أو JSON غير صالح) يُنبَّه إليه مرة واحدة \
         وتبقى كلمات الأداة.",
        "(لا شيء)",
    ),
];

impl Ui {
    /// The fixed texts.
    pub fn words(self) -> &'static Words {
        match self {
            Ui::En => &EN,
            Ui::Ar => &AR,
            Ui::Fr => &FR,
        }
    }

    /// What `attribute` does (with `code` in backticks).
    pub fn description(self, attribute: &Attribute) -> &'static str {
        match self {
            Ui::En => attribute.description,
            Ui::Ar => arabic(attribute).map_or(attribute.description, |(description, _)| description),
            Ui::Fr => french(attribute).map_or(attribute.description, |(description, _)| description),
        }
    }

    /// The default of `attribute` as the table says it (a value or a remark).
    pub fn default_of(self, attribute: &Attribute) -> &'static str {
        match self {
            Ui::Ar if attribute.default_value().is_none() => {
                arabic(attribute).map_or(attribute.default, |(_, remark)| remark)
            }
            Ui::Fr if attribute.default_value().is_none() => {
                french(attribute).map_or(attribute.default, |(_, remark)| remark)
            }
            _ => attribute.default,
        }
    }

    /// What a value that is not used should be.
    pub fn problem(self, problem: Problem) -> String {
        let keywords = |keywords: &[&str]| keywords.join(", ");
        match (self, problem) {
            (Ui::En, Problem::Range { min, max }) => format!("Not used: give a whole number from {min} to {max}."),
            (Ui::Ar, Problem::Range { min, max }) => format!("غير مستخدمة: اكتب عدداً صحيحاً من {min} إلى {max}."),
            (Ui::Fr, Problem::Range { min, max }) => format!("Non utilisé : donnez un nombre entier de {min} à {max}."),
            (Ui::En, Problem::Interval { min }) => {
                format!("Not used: give 0 (never) or a whole number of seconds from {min}.")
            }
            (Ui::Ar, Problem::Interval { min }) => {
                format!("غير مستخدمة: اكتب 0 (بلا تحديث) أو عدداً صحيحاً من الثواني لا يقل عن {min}.")
            }
            (Ui::Fr, Problem::Interval { min }) => {
                format!("Non utilisé : donnez 0 (jamais) ou un nombre entier de secondes à partir de {min}.")
            }
            (Ui::En, Problem::Keyword(words)) => format!("Not used: give one of {}.", keywords(words)),
            (Ui::Ar, Problem::Keyword(words)) => format!("غير مستخدمة: اختر واحدة من {}.", keywords(words)),
            (Ui::Fr, Problem::Keyword(words)) => format!("Non utilisé : choisissez parmi {}.", keywords(words)),
            (Ui::En, Problem::Target) => {
                "Not used: give _self, _blank, _parent, _top or a window name (letters, digits, - and _).".into()
            }
            (Ui::Ar, Problem::Target) => {
                "غير مستخدمة: اكتب _self أو _blank أو _parent أو _top أو اسم نافذة (حروف وأرقام و- و_).".into()
            }
            (Ui::Fr, Problem::Target) => {
                "Non utilisé : donnez _self, _blank, _parent, _top ou un nom de fenêtre (lettres, chiffres, - et _)."
                    .into()
            }
            (Ui::En, Problem::Language) => "Not used: give a language tag such as en or ar-SA.".into(),
            (Ui::Ar, Problem::Language) => "غير مستخدمة: اكتب رمز لغة مثل en أو ar-SA.".into(),
            (Ui::Fr, Problem::Language) => "Non utilisé : donnez un code de langue comme fr ou fr-CA.".into(),
        }
    }

    /// How many of the items have an image.
    pub fn images_count(self, with_images: usize, items: usize) -> String {
        match self {
            Ui::En => format!("{with_images} of {items} items have an image"),
            Ui::Ar => format!("{with_images} من {items} عنصراً لها صورة"),
            Ui::Fr => format!("{with_images} éléments sur {items} ont une image"),
        }
    }
}

fn arabic(attribute: &Attribute) -> Option<(&'static str, &'static str)> {
    translated(AR_ATTRIBUTES, attribute)
}

fn french(attribute: &Attribute) -> Option<(&'static str, &'static str)> {
    translated(FR_ATTRIBUTES, attribute)
}

fn translated(
    table: &'static [(&'static str, &'static str, &'static str)],
    attribute: &Attribute,
) -> Option<(&'static str, &'static str)> {
    table.iter().find(|(name, _, _)| *name == attribute.name).map(|(_, description, remark)| (*description, *remark))
}

/// `text` cut at its backticks: `(is_code, part)` pieces, in order, none empty.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(index, part)| (index % 2 == 1, part))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use news_headlines::attributes::{ATTRIBUTES, HEADING, LIMIT, TAG};

    #[test]
    fn every_attribute_has_an_arabic_and_a_french_description_and_remark_default() {
        for table in [AR_ATTRIBUTES, FR_ATTRIBUTES] {
            let names: Vec<&str> = table.iter().map(|(name, _, _)| *name).collect();
            assert_eq!(names, ATTRIBUTES.map(|a| a.name), "AR_ATTRIBUTES and FR_ATTRIBUTES follow the attribute table");
            for attribute in ATTRIBUTES {
                let (description, remark) = translated(table, attribute).unwrap();
                assert!(!description.is_empty(), "{}", attribute.name);
                assert_eq!(
                    remark.is_empty(),
                    attribute.default_value().is_some(),
                    "a remark exactly where the default is one: {}",
                    attribute.name
                );
                assert_eq!(
                    code_spans(description).iter().filter(|(code, _)| *code).count() > 0,
                    attribute.description.contains('`'),
                    "code spans in step: {}",
                    attribute.name
                );
            }
        }
    }

    #[test]
    fn defaults_are_values_in_any_language_and_remarks_translated() {
        assert_eq!((Ui::En.default_of(&LIMIT), Ui::Ar.default_of(&LIMIT)), ("10", "10"));
        assert_eq!(Ui::En.default_of(&HEADING), "the feed's `title`");
        assert_eq!(Ui::Ar.default_of(&TAG), "(لا شيء)");
        assert_eq!(Ui::Ar.description(&LIMIT), "عدد العناوين المعروضة، من 1 إلى 50.");
        assert_eq!(Ui::En.description(&LIMIT), LIMIT.description);
        assert_eq!((Ui::Fr.default_of(&LIMIT), Ui::Fr.default_of(&TAG)), ("10", "(aucun)"));
        assert_eq!(Ui::Fr.description(&LIMIT), "Nombre de titres affichés, de 1 à 50.");
    }

    #[test]
    fn backticks_mark_code_spans() {
        assert_eq!(
            code_spans("`on` shows `image`, else none"),
            vec![(true, "on"), (false, " shows "), (true, "image"), (false, ", else none")]
        );
        assert_eq!(code_spans("plain"), vec![(false, "plain")]);
    }

    #[test]
    fn problems_say_what_to_give_in_both_languages() {
        let range = Problem::Range { min: 1, max: 50 };
        assert_eq!(Ui::En.problem(range), "Not used: give a whole number from 1 to 50.");
        assert!(Ui::Ar.problem(range).contains("من 1 إلى 50"));
        assert_eq!(Ui::En.problem(Problem::Keyword(&["auto", "light"])), "Not used: give one of auto, light.");
        assert_eq!(Ui::En.images_count(2, 6), "2 of 6 items have an image");
    }
}
