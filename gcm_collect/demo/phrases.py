"""Synthetic but realistic text for demo submissions, in the six UN languages.

Themes follow the practices the seed press release names (COVID-19 era), each with the GCM
objectives it serves. Texts are illustrative, not quotations of any State's report.
"""

from __future__ import annotations

# (objectives, {language: (title, summary)})
PRACTICE_THEMES: list[tuple[tuple[int, ...], dict[str, tuple[str, str]]]] = [
    (
        (15, 7),
        {
            "en": (
                "Health care for all migrants irrespective of status",
                "Public clinics treat every migrant, regardless of migration status, and no data "
                "is shared with immigration enforcement.",
            ),
            "fr": (
                "Soins de santé pour tous les migrants quel que soit leur statut",
                "Les centres de santé publics soignent tous les migrants, quel que soit leur "
                "statut migratoire, sans transmettre de données aux services de contrôle.",
            ),
            "es": (
                "Atención sanitaria para todos los migrantes sin importar su situación",
                "Los centros de salud públicos atienden a todas las personas migrantes, "
                "independientemente de su situación migratoria, sin compartir datos con control migratorio.",
            ),
            "ru": (
                "Медицинская помощь всем мигрантам независимо от статуса",
                "Государственные поликлиники принимают всех мигрантов независимо от их "
                "миграционного статуса и не передают данные миграционным органам.",
            ),
            "zh": (
                "不论身份如何，所有移民均可获得医疗服务",
                "公立诊所为所有移民提供治疗，不论其移民身份如何，且不向移民执法部门共享数据。",
            ),
            "ar": (
                "الرعاية الصحية لجميع المهاجرين بصرف النظر عن وضعهم",
                "تعالج العيادات العامة جميع المهاجرين بصرف النظر عن وضعهم من حيث الهجرة، "
                "ولا تُشارَك أي بيانات مع سلطات إنفاذ قوانين الهجرة.",
            ),
        },
    ),
    (
        (5, 7),
        {
            "en": (
                "Automatic extension of work and residence permits",
                "Permits expiring during the emergency were extended by twelve months without an "
                "application or a fee.",
            ),
            "fr": (
                "Prolongation automatique des permis de travail et de séjour",
                "Les permis arrivant à échéance pendant l'urgence ont été prolongés de douze mois, "
                "sans demande ni frais.",
            ),
            "es": (
                "Prórroga automática de los permisos de trabajo y residencia",
                "Los permisos que vencían durante la emergencia se prorrogaron doce meses sin "
                "solicitud ni tasa.",
            ),
            "ru": (
                "Автоматическое продление разрешений на работу и проживание",
                "Разрешения, срок которых истекал во время чрезвычайной ситуации, продлены на "
                "двенадцать месяцев без заявления и пошлины.",
            ),
            "zh": (
                "自动延长工作和居留许可",
                "在紧急状态期间到期的许可证自动延长十二个月，无需申请，也不收费。",
            ),
            "ar": (
                "التمديد التلقائي لتصاريح العمل والإقامة",
                "مُدِّدت التصاريح التي انتهت صلاحيتها خلال حالة الطوارئ اثني عشر شهراً دون طلب أو رسوم.",
            ),
        },
    ),
    (
        (13,),
        {
            "en": (
                "Community-based alternatives to immigration detention",
                "Families with children were released from detention into community case "
                "management run with civil society partners.",
            ),
            "fr": (
                "Alternatives communautaires à la rétention administrative",
                "Les familles avec enfants ont été libérées et suivies par un accompagnement "
                "communautaire mené avec la société civile.",
            ),
            "es": (
                "Alternativas comunitarias a la detención migratoria",
                "Las familias con niños fueron liberadas y acompañadas mediante gestión de casos "
                "comunitaria con la sociedad civil.",
            ),
            "ru": (
                "Альтернативы иммиграционному задержанию на базе общин",
                "Семьи с детьми освобождены из-под стражи и переданы под сопровождение "
                "общественных организаций.",
            ),
            "zh": (
                "以社区为基础的移民拘留替代办法",
                "有子女的家庭被解除拘留，转由与民间社会伙伴合作的社区个案管理。",
            ),
            "ar": (
                "بدائل مجتمعية لاحتجاز المهاجرين",
                "أُفرج عن الأسر التي لديها أطفال ووُضعت تحت إدارة حالات مجتمعية بالشراكة مع المجتمع المدني.",
            ),
        },
    ),
    (
        (21, 14),
        {
            "en": (
                "Safe return with health checks and reintegration support",
                "Returning nationals received health checks, quarantine accommodation, child "
                "protection screening and a reintegration grant.",
            ),
            "fr": (
                "Retour sûr avec contrôles sanitaires et aide à la réintégration",
                "Les ressortissants de retour ont bénéficié de contrôles sanitaires, d'un "
                "hébergement de quarantaine et d'une aide à la réintégration.",
            ),
            "es": (
                "Retorno seguro con controles de salud y apoyo a la reintegración",
                "Las personas nacionales que regresaron recibieron controles de salud, alojamiento "
                "para la cuarentena y una ayuda de reintegración.",
            ),
            "ru": (
                "Безопасное возвращение с медицинским осмотром и поддержкой реинтеграции",
                "Возвращающиеся граждане прошли медицинский осмотр, получили жильё на время "
                "карантина и пособие на реинтеграцию.",
            ),
            "zh": (
                "安全返回并提供健康检查和重返社会支持",
                "回国公民接受了健康检查，获得隔离住宿、儿童保护筛查和重返社会补助。",
            ),
            "ar": (
                "العودة الآمنة مع الفحوص الصحية ودعم إعادة الإدماج",
                "حصل المواطنون العائدون على فحوص صحية وسكن للحجر الصحي وفحص لحماية الأطفال ومنحة لإعادة الإدماج.",
            ),
        },
    ),
    (
        (20,),
        {
            "en": (
                "Lower-cost digital remittance channels",
                "A partnership with mobile operators cut the average cost of sending 200 USD home "
                "from 7 % to 3 %.",
            ),
            "fr": (
                "Canaux numériques de transfert de fonds moins coûteux",
                "Un partenariat avec les opérateurs mobiles a réduit le coût moyen d'un envoi de "
                "200 USD de 7 % à 3 %.",
            ),
            "es": (
                "Canales digitales de remesas de menor costo",
                "Una alianza con operadores móviles redujo el costo medio de enviar 200 USD del "
                "7 % al 3 %.",
            ),
            "ru": (
                "Недорогие цифровые каналы денежных переводов",
                "Партнёрство с операторами мобильной связи снизило среднюю стоимость перевода "
                "200 долларов США с 7 % до 3 %.",
            ),
            "zh": ("低成本数字汇款渠道", "与移动运营商的合作使汇出200美元的平均成本从7%降至3%。"),
            "ar": (
                "قنوات رقمية منخفضة التكلفة للتحويلات المالية",
                "خفضت شراكة مع مشغلي الهاتف المحمول متوسط تكلفة إرسال 200 دولار من 7 في المائة إلى 3 في المائة.",
            ),
        },
    ),
    (
        (1, 23),
        {
            "en": (
                "National migration data platform",
                "Ministries now publish quarterly migration statistics disaggregated by sex, age "
                "and migration status.",
            ),
            "fr": (
                "Plateforme nationale de données migratoires",
                "Les ministères publient des statistiques trimestrielles ventilées par sexe, âge "
                "et statut migratoire.",
            ),
            "es": (
                "Plataforma nacional de datos migratorios",
                "Los ministerios publican estadísticas trimestrales desglosadas por sexo, edad y "
                "situación migratoria.",
            ),
            "ru": (
                "Национальная платформа данных о миграции",
                "Министерства ежеквартально публикуют статистику с разбивкой по полу, возрасту "
                "и миграционному статусу.",
            ),
            "zh": (
                "国家移民数据平台",
                "各部委现按季度发布按性别、年龄和移民身份分列的移民统计数据。",
            ),
            "ar": (
                "منصة وطنية لبيانات الهجرة",
                "تنشر الوزارات الآن إحصاءات فصلية عن الهجرة مصنفة حسب الجنس والعمر ووضع الهجرة.",
            ),
        },
    ),
    (
        (6, 18),
        {
            "en": (
                "Fair recruitment and recognition of skills",
                "Recruitment fees charged to workers were banned and a fast track recognises "
                "nursing qualifications obtained abroad.",
            ),
            "fr": (
                "Recrutement équitable et reconnaissance des compétences",
                "Les frais de recrutement à la charge des travailleurs ont été interdits et une "
                "procédure accélérée reconnaît les diplômes d'infirmier obtenus à l'étranger.",
            ),
            "es": (
                "Contratación equitativa y reconocimiento de competencias",
                "Se prohibieron las comisiones de contratación a cargo de los trabajadores y una vía "
                "rápida reconoce los títulos de enfermería obtenidos en el extranjero.",
            ),
            "ru": (
                "Добросовестный наём и признание квалификаций",
                "Запрещены сборы за наём с работников, а ускоренная процедура признаёт "
                "полученные за рубежом дипломы медсестёр.",
            ),
            "zh": (
                "公平招聘与技能认可",
                "禁止向工人收取招聘费，并设立快速通道认可在国外取得的护理资格。",
            ),
            "ar": (
                "التوظيف العادل والاعتراف بالمهارات",
                "حُظرت رسوم التوظيف التي يتحملها العمال، ويعترف مسار سريع بمؤهلات التمريض المكتسبة في الخارج.",
            ),
        },
    ),
    (
        (8, 9, 10),
        {
            "en": (
                "Joint search and rescue and anti-trafficking task force",
                "Coast guards and labour inspectors share alerts; victims of trafficking are "
                "referred to shelters within 24 hours.",
            ),
            "fr": (
                "Équipe conjointe de sauvetage et de lutte contre la traite",
                "Garde-côtes et inspecteurs du travail partagent leurs alertes ; les victimes de "
                "traite sont orientées vers un foyer sous 24 heures.",
            ),
            "es": (
                "Equipo conjunto de rescate y contra la trata",
                "Guardacostas e inspectores de trabajo comparten alertas; las víctimas de trata son "
                "derivadas a albergues en 24 horas.",
            ),
            "ru": (
                "Совместная группа по спасению и борьбе с торговлей людьми",
                "Береговая охрана и трудовые инспекторы обмениваются оповещениями; жертвы "
                "торговли людьми направляются в приюты в течение 24 часов.",
            ),
            "zh": (
                "联合搜救和打击人口贩运工作组",
                "海岸警卫队与劳动监察员共享预警信息；人口贩运受害者在24小时内被转介至庇护所。",
            ),
            "ar": (
                "فرقة عمل مشتركة للبحث والإنقاذ ومكافحة الاتجار بالبشر",
                "يتبادل خفر السواحل ومفتشو العمل التنبيهات، ويُحال ضحايا الاتجار إلى دور الإيواء خلال 24 ساعة.",
            ),
        },
    ),
]

OFFICER_NAMES = [
    "Amina Diallo",
    "Li Wei",
    "María Fernández",
    "Olga Ivanova",
    "Jean Dupont",
    "Fatima Al-Hassan",
    "Kwame Mensah",
    "Ana Souza",
    "Nguyen Thi Lan",
    "Sara Haddad",
]

# Generic sentences for free-text answers, per language (illustrative).
SENTENCES: dict[str, list[str]] = {
    "en": [
        "An inter-ministerial working group coordinated the work with the national statistics office.",
        "Civil society and migrant associations were consulted in three regional workshops.",
        "Implementation was delayed by the pandemic but resumed in the second half of the year.",
        "Local authorities in border areas received training and additional staff.",
        "The measure is reviewed every year with employers' organisations and trade unions.",
    ],
    "fr": [
        "Un groupe de travail interministériel a coordonné les travaux avec l'institut national de statistique.",
        "La société civile et les associations de migrants ont été consultées lors de trois ateliers régionaux.",
        "La mise en œuvre a été retardée par la pandémie mais a repris au second semestre.",
        "Les autorités locales des zones frontalières ont reçu une formation et du personnel supplémentaire.",
    ],
    "es": [
        "Un grupo de trabajo interministerial coordinó la labor con la oficina nacional de estadística.",
        "Se consultó a la sociedad civil y a las asociaciones de migrantes en tres talleres regionales.",
        "La aplicación se retrasó por la pandemia, pero se reanudó en el segundo semestre.",
        "Las autoridades locales de las zonas fronterizas recibieron capacitación y personal adicional.",
    ],
    "ru": [
        "Межведомственная рабочая группа координировала работу с национальным статистическим управлением.",
        "Гражданское общество и объединения мигрантов были опрошены на трёх региональных семинарах.",
        "Осуществление было задержано пандемией, но возобновилось во втором полугодии.",
        "Местные органы власти в приграничных районах получили обучение и дополнительный персонал.",
    ],
    "zh": [
        "一个部际工作组与国家统计局协调了这项工作。",
        "在三次区域研讨会上征求了民间社会和移民协会的意见。",
        "执行工作因疫情而推迟，但在下半年恢复。",
        "边境地区的地方当局接受了培训并增加了工作人员。",
    ],
    "ar": [
        "نسّق فريق عامل مشترك بين الوزارات العمل مع المكتب الوطني للإحصاء.",
        "استُشير المجتمع المدني وجمعيات المهاجرين في ثلاث حلقات عمل إقليمية.",
        "تأخر التنفيذ بسبب الجائحة لكنه استؤنف في النصف الثاني من العام.",
        "تلقت السلطات المحلية في المناطق الحدودية تدريباً وموظفين إضافيين.",
    ],
}

MINISTRIES = [
    "Ministry of Interior",
    "Ministry of Labour",
    "Ministry of Foreign Affairs",
    "National Migration Agency",
    "Ministry of Health",
    "Ministry of Social Affairs",
]
