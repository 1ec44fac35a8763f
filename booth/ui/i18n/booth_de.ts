<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../kiosk/screens/attract.py" line="146"/>
        <source>Your AI photo awaits</source>
        <translation>Dein KI-Foto wartet</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/attract.py" line="147"/>
        <source>Strike a pose, pick a look, and watch the magic happen.</source>
        <translation>Posieren, Look wählen und staunen.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/attract.py" line="148"/>
        <source>Tap to start</source>
        <translation>Tippen zum Start</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/attract.py" line="149"/>
        <source>Our AI studio is waiting for a top-up from our host. You can still pose: your picture is kept safe and made as soon as the studio is back.</source>
        <translation>Unser KI-Studio wartet gerade auf Nachschub von unserem Gastgeber. Du kannst trotzdem posieren: Dein Bild ist sicher und wird gemacht, sobald das Studio wieder da ist.</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../operator/settings_tab.py" line="163"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="167"/>
        <source>Source (auto, demo, device number, /dev/videoN, file or URL)</source>
        <translation>Quelle (auto, demo, Gerätenummer, /dev/videoN, Datei oder URL)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="168"/>
        <source>Width (pixels)</source>
        <translation>Breite (Pixel)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="169"/>
        <source>Height (pixels)</source>
        <translation>Höhe (Pixel)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="170"/>
        <source>Frames per second</source>
        <translation>Bilder pro Sekunde</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="171"/>
        <source>Mirror the preview</source>
        <translation>Vorschau spiegeln</translation>
    </message>
</context>
<context>
    <name>CameraTab</name>
    <message>
        <location filename="../operator/camera_tab.py" line="110"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="111"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="111"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="112"/>
        <source>camera.source</source>
        <translation>camera.source</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="112"/>
        <source>Asked for</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="115"/>
        <source>auto (first camera, else demo)</source>
        <translation>auto (erste Kamera, sonst Demo)</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="116"/>
        <source>demo scene</source>
        <translation>Demo-Szene</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="119"/>
        <source>Use this source</source>
        <translation>Quelle verwenden</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="120"/>
        <source>Look for cameras</source>
        <translation>Kameras suchen</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="121"/>
        <source>Mirror the preview (selfie view; photos are never mirrored)</source>
        <translation>Vorschau spiegeln (Selfie-Ansicht; Fotos werden nie gespiegelt)</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="122"/>
        <source>Cameras found</source>
        <translation>Gefundene Kameras</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="129"/>
        <source>Looking for cameras…</source>
        <translation>Suche nach Kameras…</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="130"/>
        <source>No webcam found: the demo camera will be used.</source>
        <translation>Keine Webcam gefunden: Die Demo-Kamera wird verwendet.</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="178"/>
        <source>Could not list cameras: {e}</source>
        <translation>Kameras konnten nicht aufgelistet werden: {e}</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="192"/>
        <source>Camera source set to {s}</source>
        <translation>Kameraquelle auf {s} gesetzt</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="206"/>
        <source>The camera could not restart: {e}</source>
        <translation>Die Kamera konnte nicht neu starten: {e}</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="211"/>
        <source>Preview mirror on</source>
        <translation>Vorschau gespiegelt</translation>
    </message>
    <message>
        <location filename="../operator/camera_tab.py" line="211"/>
        <source>Preview mirror off</source>
        <translation>Vorschau nicht gespiegelt</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <location filename="../operator/catalog_tab.py" line="136"/>
        <source>Looks</source>
        <translation>Looks</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="137"/>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="137"/>
        <source>Workflows</source>
        <translation>Workflows</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="138"/>
        <source>Pose styles</source>
        <translation>Posen-Stile</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="140"/>
        <source>Reload from service</source>
        <translation>Vom Dienst neu laden</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="141"/>
        <source>Experiences for guests</source>
        <translation>Erlebnisse für Gäste</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="144"/>
        <source>Changes apply to the next guest, for this session.</source>
        <translation>Änderungen gelten ab dem nächsten Gast, bis zum Neustart.</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="176"/>
        <location filename="../operator/catalog_tab.py" line="206"/>
        <source>{n} entries</source>
        <translation>{n} Einträge</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="176"/>
        <source>No entries yet.</source>
        <translation>Noch keine Einträge.</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="195"/>
        <source>Asking the service…</source>
        <translation>Frage beim Dienst an…</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="202"/>
        <source>Could not reload: {e}</source>
        <translation>Neu laden fehlgeschlagen: {e}</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="219"/>
        <source>At least one experience must stay on for guests.</source>
        <translation>Mindestens ein Erlebnis muss für Gäste eingeschaltet bleiben.</translation>
    </message>
    <message>
        <location filename="../operator/catalog_tab.py" line="223"/>
        <source>Guests are offered: {list}</source>
        <translation>Gäste bekommen angeboten: {list}</translation>
    </message>
</context>
<context>
    <name>ChooseScreen</name>
    <message>
        <location filename="../kiosk/screens/choose.py" line="85"/>
        <source>Choose your experience</source>
        <translation>Wähle dein Erlebnis</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/choose.py" line="86"/>
        <source>Tap the one that makes you smile.</source>
        <translation>Tippe auf das, was dich zum Lächeln bringt.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/choose.py" line="87"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <location filename="../operator/settings_tab.py" line="48"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="52"/>
        <source>API URL (empty: the local engine)</source>
        <translation>API-URL (leer: die lokale Engine)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="53"/>
        <source>Sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="54"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="55"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="56"/>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="57"/>
        <source>When the service is away (wait / run locally)</source>
        <translation>Wenn der Dienst weg ist (warten / lokal rechnen)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="58"/>
        <source>Pictures at the service at once</source>
        <translation>Bilder gleichzeitig beim Dienst</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../kiosk/screens/consent.py" line="56"/>
        <source>Before we take your photo</source>
        <translation>Bevor wir dein Foto machen</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/consent.py" line="59"/>
        <source>No, thanks</source>
        <translation>Nein, danke</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/consent.py" line="60"/>
        <source>I agree</source>
        <translation>Ich bin einverstanden</translation>
    </message>
</context>
<context>
    <name>CredentialsTab</name>
    <message>
        <location filename="../operator/credentials_tab.py" line="95"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="96"/>
        <source>empty: the booth&apos;s own local engine</source>
        <translation>leer: lokale Engine der Fotobox</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="97"/>
        <source>API URL</source>
        <translation>API-URL</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="98"/>
        <source>Sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="99"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="100"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="102"/>
        <source>What you type here is only used for the test. The booth&apos;s own credentials come from its settings file and the environment (BOOTH_API_PASSWORD, BOOTH_API_TOKEN); change them there and restart.</source>
        <translation>Was hier eingegeben wird, dient nur dem Test. Die Zugangsdaten der Fotobox stammen aus ihrer Einstellungsdatei und der Umgebung (BOOTH_API_PASSWORD, BOOTH_API_TOKEN); dort ändern und neu starten.</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="107"/>
        <source>Not tested yet.</source>
        <translation>Noch nicht getestet.</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="119"/>
        <source>Local engine: running at {url} (no account needed)</source>
        <translation>Lokale Engine: läuft unter {url} (kein Konto nötig)</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="121"/>
        <source>Eventstation API: {url}</source>
        <translation>Eventstation-API: {url}</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="123"/>
        <source>Local engine: not running</source>
        <translation>Lokale Engine: läuft nicht</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="131"/>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="131"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="132"/>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="132"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="133"/>
        <source>Stored {what}: {state}</source>
        <translation>Gespeichertes {what}: {state}</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="134"/>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="134"/>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="136"/>
        <source>set — type another one to test it</source>
        <translation>gesetzt – zum Testen ein anderes eingeben</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="136"/>
        <source>not set — type one to test it</source>
        <translation>nicht gesetzt – zum Testen eines eingeben</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="176"/>
        <source>no API URL and no local engine to test</source>
        <translation>keine API-URL und keine lokale Engine zum Testen</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="180"/>
        <source>Testing {url}…</source>
        <translation>Teste {url}…</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="197"/>
        <source>answered in {s} s with {n} filters</source>
        <translation>Antwort in {s} s mit {n} Filtern</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="199"/>
        <source>OK: {detail}</source>
        <translation>OK: {detail}</translation>
    </message>
    <message>
        <location filename="../operator/credentials_tab.py" line="200"/>
        <source>Failed: {detail}</source>
        <translation>Fehlgeschlagen: {detail}</translation>
    </message>
</context>
<context>
    <name>EventLifecyclePage</name>
    <message>
        <location filename="../operator/event_page.py" line="81"/>
        <source>This event: {folder}</source>
        <translation>Diese Veranstaltung: {folder}</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="82"/>
        <source>New event&apos;s name</source>
        <translation>Name der neuen Veranstaltung</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="83"/>
        <source>Export to (zip file)</source>
        <translation>Exportieren nach (ZIP-Datei)</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="84"/>
        <source>New event</source>
        <translation>Neue Veranstaltung</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="85"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="86"/>
        <location filename="../operator/event_page.py" line="143"/>
        <source>Close event</source>
        <translation>Veranstaltung beenden</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="95"/>
        <source>Type the new event&apos;s name first.</source>
        <translation>Geben Sie zuerst den Namen der neuen Veranstaltung ein.</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="98"/>
        <source>This booth was started without a settings file: changes cannot be saved.</source>
        <translation>Diese Fotobox wurde ohne Einstellungsdatei gestartet: Änderungen können nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="106"/>
        <source>New event {name} in {folder}. Restart the booth to start it.</source>
        <translation>Neue Veranstaltung {name} in {folder}. Starten Sie die Fotobox neu, um sie zu beginnen.</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="110"/>
        <source>No new event: {reason}</source>
        <translation>Keine neue Veranstaltung: {reason}</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="115"/>
        <source>Name a .zip file to export to, e.g. /media/stick/event.zip</source>
        <translation>Nennen Sie eine .zip-Datei als Ziel, z. B. /media/stick/event.zip</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="130"/>
        <source>Exported {jobs} guests&apos; pictures ({files} files) to {out}</source>
        <translation>Bilder von {jobs} Gästen ({files} Dateien) nach {out} exportiert</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="137"/>
        <source>Export failed: {reason}. Check the stick or folder and its free space.</source>
        <translation>Export fehlgeschlagen: {reason}. Prüfen Sie den Stick oder Ordner und den freien Platz.</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="141"/>
        <source>Close the event?</source>
        <translation>Veranstaltung beenden?</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="142"/>
        <source>Every download link stops working and guests see the goodbye screen.</source>
        <translation>Alle Download-Links hören auf zu funktionieren und Gäste sehen den Abschiedsbildschirm.</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="151"/>
        <source>Could not close: {reason}</source>
        <translation>Beenden nicht möglich: {reason}</translation>
    </message>
    <message>
        <location filename="../operator/event_page.py" line="155"/>
        <source>Event closed: {n} download links ended.</source>
        <translation>Veranstaltung beendet: {n} Download-Links beendet.</translation>
    </message>
</context>
<context>
    <name>EventPage</name>
    <message>
        <location filename="../operator/settings_tab.py" line="120"/>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="124"/>
        <source>Event name</source>
        <translation>Name der Veranstaltung</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="125"/>
        <source>Background colour</source>
        <translation>Hintergrundfarbe</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="126"/>
        <source>Button colour</source>
        <translation>Tastenfarbe</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="127"/>
        <source>Text colour</source>
        <translation>Textfarbe</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="133"/>
        <source>Take my picture</source>
        <translation>Foto machen</translation>
    </message>
</context>
<context>
    <name>Goodbye</name>
    <message>
        <location filename="../kiosk/goodbye.py" line="43"/>
        <source>Thank you!</source>
        <translation>Danke!</translation>
    </message>
    <message>
        <location filename="../kiosk/goodbye.py" line="44"/>
        <source>The photo booth has closed. Thank you for celebrating with us.</source>
        <translation>Die Fotobox hat geschlossen. Danke, dass ihr mit uns gefeiert habt.</translation>
    </message>
</context>
<context>
    <name>HandoffScreen</name>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="62"/>
        <source>A few guests are ahead of you: your picture takes less than a minute.</source>
        <translation>Ein paar Gäste sind vor dir dran: Dein Bild dauert weniger als eine Minute.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="65"/>
        <source>A few guests are ahead of you: your picture takes about %1 minutes.</source>
        <translation>Ein paar Gäste sind vor dir dran: Dein Bild dauert etwa %1 Minuten.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="69"/>
        <source>Your picture is on its way!</source>
        <translation>Dein Bild ist unterwegs!</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="70"/>
        <source>YOUR TICKET</source>
        <translation>DEIN TICKET</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="71"/>
        <source>It opens right here when it&apos;s ready, or tap your ticket below any time.</source>
        <translation>Es erscheint hier, sobald es fertig ist, oder tippe jederzeit unten auf dein Ticket.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/handoff.py" line="72"/>
        <source>Next guest, your turn!</source>
        <translation>Nächster Gast, du bist dran!</translation>
    </message>
</context>
<context>
    <name>JobStrip</name>
    <message>
        <location filename="../widgets/job_strip.py" line="112"/>
        <source>Your pictures:</source>
        <translation>Eure Bilder:</translation>
    </message>
</context>
<context>
    <name>JobTableModel</name>
    <message>
        <location filename="../../jobs/model.py" line="103"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="103"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="103"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="103"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="103"/>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="104"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="130"/>
        <source> (needs operator)</source>
        <translation> (Betreiber gefragt)</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="132"/>
        <source> (original photo)</source>
        <translation> (Originalfoto)</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="57"/>
        <source>no result in time</source>
        <translation>kein Ergebnis rechtzeitig</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="58"/>
        <source>the answer to its run was lost</source>
        <translation>die Antwort auf den Auftrag ging verloren</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="59"/>
        <source>booth stopped while sending it</source>
        <translation>booth wurde beim Senden beendet</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="60"/>
        <source>sign-in refused</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="61"/>
        <source>out of credits</source>
        <translation>keine Credits mehr</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="62"/>
        <source>the service had trouble</source>
        <translation>der Dienst hatte Probleme</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="142"/>
        <source>cancelled by the operator</source>
        <translation>vom Betreiber abgebrochen</translation>
    </message>
</context>
<context>
    <name>JobsTab</name>
    <message>
        <location filename="../operator/jobs_tab.py" line="249"/>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="250"/>
        <source>All jobs</source>
        <translation>Alle Aufträge</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="250"/>
        <source>Needs operator</source>
        <translation>Betreiber gefragt</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="253"/>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="255"/>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="256"/>
        <location filename="../operator/jobs_tab.py" line="351"/>
        <source>Cancel job</source>
        <translation>Auftrag abbrechen</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="257"/>
        <source>Resubmit…</source>
        <translation>Neu einreichen…</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="258"/>
        <source>Send a run whose answer was lost again: this may cost a credit</source>
        <translation>Einen Lauf, dessen Antwort verloren ging, erneut senden: Das kann ein Guthaben kosten</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="259"/>
        <source>Open result</source>
        <translation>Ergebnis öffnen</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="260"/>
        <source>Forget guest…</source>
        <translation>Gast vergessen…</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="261"/>
        <source>Delete this guest&apos;s photo, results, prints and download links</source>
        <translation>Foto, Ergebnisse, Drucke und Download-Links dieses Gastes löschen</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="262"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="262"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="263"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="264"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="264"/>
        <source>Service job id</source>
        <translation>Auftrags-ID beim Dienst</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="265"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="268"/>
        <source>Select a job, then Open result.</source>
        <translation>Auftrag auswählen, dann „Ergebnis öffnen“.</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="269"/>
        <source>Selected job</source>
        <translation>Ausgewählter Auftrag</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="313"/>
        <source> — needs your decision</source>
        <translation> – wartet auf Ihre Entscheidung</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="335"/>
        <source>New runs are paused ({kind}): {message}</source>
        <translation>Neue Läufe sind pausiert ({kind}): {message}</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="343"/>
        <source>Retry asked for ticket {t}</source>
        <translation>Wiederholung für Ticket {t} angefordert</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="349"/>
        <source>Cancel this job?</source>
        <translation>Diesen Auftrag abbrechen?</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="350"/>
        <source>Ticket {t} will not be finished; the guest&apos;s photo stays in the event folder.</source>
        <translation>Ticket {t} wird nicht fertiggestellt; das Foto des Gastes bleibt im Event-Ordner.</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="355"/>
        <source>Ticket {t} cancelled</source>
        <translation>Ticket {t} abgebrochen</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="361"/>
        <source>The answer to ticket {t}&apos;s run was lost: the service may already have made it. Sending it again costs another credit.</source>
        <translation>Die Antwort auf den Lauf von Ticket {t} ging verloren: Der Dienst hat das Bild vielleicht schon erstellt. Erneutes Senden kostet ein weiteres Guthaben.</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="363"/>
        <source>Resubmit this job?</source>
        <translation>Diesen Auftrag neu einreichen?</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="364"/>
        <source>Resubmit</source>
        <translation>Neu einreichen</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="368"/>
        <source>Ticket {t} sent again on the operator&apos;s word</source>
        <translation>Ticket {t} auf Anweisung des Betreibers erneut gesendet</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="376"/>
        <source>Sending resumed after the account problem was fixed</source>
        <translation>Senden fortgesetzt, nachdem das Kontoproblem behoben wurde</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="384"/>
        <source>Loading…</source>
        <translation>Lädt…</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="399"/>
        <source>Ticket {t}: the photo, the results, the print records and the download links are deleted for good. This cannot be undone.</source>
        <translation>Ticket {t}: Foto, Ergebnisse, Druckeinträge und Download-Links werden endgültig gelöscht. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="401"/>
        <source>Forget this guest?</source>
        <translation>Diesen Gast vergessen?</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="402"/>
        <source>Forget guest</source>
        <translation>Gast vergessen</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="413"/>
        <source>Ticket {t} forgotten: {n} files deleted, {l} download links ended</source>
        <translation>Ticket {t} vergessen: {n} Dateien gelöscht, {l} Download-Links beendet</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="417"/>
        <source>The guest could not be forgotten: {e}</source>
        <translation>Der Gast konnte nicht vergessen werden: {e}</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="254"/>
        <source>Resume sending</source>
        <translation>Senden fortsetzen</translation>
    </message>
    <message>
        <location filename="../operator/jobs_tab.py" line="263"/>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
</context>
<context>
    <name>KioskFlow</name>
    <message>
        <location filename="../kiosk/flow.py" line="219"/>
        <source>Pick a look first: tap the one you like.</source>
        <translation>Wähle zuerst einen Look: tippe auf deinen Favoriten.</translation>
    </message>
    <message>
        <location filename="../kiosk/flow.py" line="294"/>
        <source>The camera blinked. Let&apos;s try that again!</source>
        <translation>Die Kamera hat geblinzelt. Noch einmal, bitte!</translation>
    </message>
    <message>
        <location filename="../kiosk/flow.py" line="320"/>
        <source>One moment, the studio is opening.</source>
        <translation>Einen Moment, das Studio öffnet gleich.</translation>
    </message>
    <message>
        <location filename="../kiosk/flow.py" line="327"/>
        <source>Something went wrong on our side. Please ask our host for help.</source>
        <translation>Bei uns hat etwas nicht geklappt. Bitte frag unser Team um Hilfe.</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <location filename="../operator/settings_tab.py" line="75"/>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="79"/>
        <source>Language (en / de)</source>
        <translation>Sprache (en / de)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="80"/>
        <source>Looks offered, in order</source>
        <translation>Angebotene Looks, in Reihenfolge</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="81"/>
        <source>Countdown (seconds)</source>
        <translation>Countdown (Sekunden)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="82"/>
        <source>Retakes per guest</source>
        <translation>Wiederholungen pro Gast</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="83"/>
        <source>Idle time before the start screen (seconds)</source>
        <translation>Leerlauf bis zum Startbildschirm (Sekunden)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="84"/>
        <source>Default gender</source>
        <translation>Standard-Geschlecht</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="85"/>
        <source>Default picture shape</source>
        <translation>Standard-Bildformat</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="86"/>
        <source>Copies one guest may print</source>
        <translation>Ausdrucke pro Gast</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../kiosk/window.py" line="329"/>
        <source>The control panel is not available in this build.</source>
        <translation>Das Bedienfeld ist in dieser Version nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../kiosk/window.py" line="333"/>
        <source>The control panel opens as soon as the booth has started.</source>
        <translation>Das Bedienfeld öffnet sich, sobald die Fotobox gestartet ist.</translation>
    </message>
</context>
<context>
    <name>LookScreen</name>
    <message>
        <location filename="../kiosk/screens/look.py" line="140"/>
        <source>Style %1</source>
        <translation>Stil %1</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="189"/>
        <source>Just one thing</source>
        <translation>Nur noch eine Sache</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="191"/>
        <source>Choose your look</source>
        <translation>Wähle deinen Look</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="193"/>
        <source>WHO IS IN THE PICTURE?</source>
        <translation>WER IST AUF DEM BILD?</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="194"/>
        <source>PICTURE SHAPE</source>
        <translation>BILDFORMAT</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="199"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/look.py" line="200"/>
        <source>Next: strike a pose</source>
        <translation>Weiter: Pose!</translation>
    </message>
</context>
<context>
    <name>MessagesPane</name>
    <message>
        <location filename="../operator/messages.py" line="130"/>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <location filename="../operator/messages.py" line="131"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../operator/keyboard.py" line="65"/>
        <source>Shift</source>
        <translation>Umschalt</translation>
    </message>
    <message>
        <location filename="../operator/keyboard.py" line="66"/>
        <source>Space</source>
        <translation>Leerzeichen</translation>
    </message>
    <message>
        <location filename="../operator/keyboard.py" line="67"/>
        <source>⌫ Erase</source>
        <translation>⌫ Löschen</translation>
    </message>
    <message>
        <location filename="../operator/keyboard.py" line="68"/>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <location filename="../../jobs/model.py" line="43"/>
        <source>Captured</source>
        <translation>Aufgenommen</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="44"/>
        <source>Submitting</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="45"/>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="46"/>
        <source>Running</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="47"/>
        <source>Completed</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="48"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../jobs/model.py" line="49"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../operator/common.py" line="179"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../operator/common.py" line="182"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="102"/>
        <source>booth — operator panel</source>
        <translation>booth – Bedienfeld</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="103"/>
        <source>Operator panel · {event}</source>
        <translation>Bedienfeld · {event}</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="104"/>
        <source>Back to kiosk</source>
        <translation>Zurück zum Kiosk</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="105"/>
        <location filename="../operator/panel.py" line="149"/>
        <source>Quit booth</source>
        <translation>Fotobox beenden</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="107"/>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="108"/>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="109"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="110"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="111"/>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="112"/>
        <source>Stats</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="147"/>
        <source>Quit the booth?</source>
        <translation>Fotobox beenden?</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="148"/>
        <source>The kiosk closes. Unfinished pictures are kept and continue at the next start.</source>
        <translation>Der Kiosk wird geschlossen. Unfertige Bilder bleiben erhalten und werden beim nächsten Start fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../operator/panel.py" line="113"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../kiosk/operator_gate.py" line="257"/>
        <source>Locked after wrong tries: try again in {n} min</source>
        <translation>Nach falschen Versuchen gesperrt: erneut in {n} Min.</translation>
    </message>
    <message>
        <location filename="../kiosk/operator_gate.py" line="249"/>
        <source>Wrong PIN, try again</source>
        <translation>Falsche PIN, bitte erneut</translation>
    </message>
    <message>
        <location filename="../kiosk/operator_gate.py" line="266"/>
        <source>Operator PIN</source>
        <translation>Betreiber-PIN</translation>
    </message>
    <message>
        <location filename="../kiosk/operator_gate.py" line="267"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>PinSetup</name>
    <message>
        <location filename="../kiosk/pin_setup.py" line="127"/>
        <source>Nobody can open the control panel yet. Type a PIN of 4 to 12 digits.</source>
        <translation>Noch kann niemand das Bedienfeld öffnen. Eine PIN aus 4 bis 12 Ziffern eingeben.</translation>
    </message>
    <message>
        <location filename="../kiosk/pin_setup.py" line="128"/>
        <source>Type the same PIN again.</source>
        <translation>Dieselbe PIN noch einmal eingeben.</translation>
    </message>
    <message>
        <location filename="../kiosk/pin_setup.py" line="129"/>
        <source>The two PINs were different. Start again.</source>
        <translation>Die beiden PINs waren verschieden. Bitte von vorn beginnen.</translation>
    </message>
    <message>
        <location filename="../kiosk/pin_setup.py" line="130"/>
        <source>The PIN works until the booth restarts, but it could not be saved. Run &apos;booth pin set&apos; on this computer.</source>
        <translation>Die PIN gilt bis zum Neustart der Fotobox, konnte aber nicht gespeichert werden. Auf diesem Computer &apos;booth pin set&apos; ausführen.</translation>
    </message>
    <message>
        <location filename="../kiosk/pin_setup.py" line="132"/>
        <source>Digits only. Start again.</source>
        <translation>Nur Ziffern. Bitte von vorn beginnen.</translation>
    </message>
    <message>
        <location filename="../kiosk/pin_setup.py" line="133"/>
        <source>At least 4 digits. Start again.</source>
        <translation>Mindestens 4 Ziffern. Bitte von vorn beginnen.</translation>
    </message>
    <message>
        <location filename="../kiosk/pin_setup.py" line="134"/>
        <source>At most 12 digits. Start again.</source>
        <translation>Höchstens 12 Ziffern. Bitte von vorn beginnen.</translation>
    </message>
    <message>
        <location filename="../kiosk/pin_setup.py" line="135"/>
        <source>1234 is the first PIN every guest tries. Choose another.</source>
        <translation>1234 probiert jeder Gast zuerst. Bitte eine andere wählen.</translation>
    </message>
    <message>
        <location filename="../kiosk/pin_setup.py" line="140"/>
        <source>Choose the operator PIN</source>
        <translation>Betreiber-PIN festlegen</translation>
    </message>
    <message>
        <location filename="../kiosk/pin_setup.py" line="142"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
</context>
<context>
    <name>PoseScreen</name>
    <message>
        <location filename="../kiosk/screens/pose.py" line="92"/>
        <source>Strike a pose!</source>
        <translation>Jetzt posieren!</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/pose.py" line="93"/>
        <source>Tap the big button when you&apos;re ready</source>
        <translation>Tippe auf den großen Knopf, wenn du bereit bist</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/pose.py" line="94"/>
        <source>GO</source>
        <translation>LOS</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/pose.py" line="95"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../widgets/preview.py" line="218"/>
        <source>Starting the camera…</source>
        <translation>Kamera startet…</translation>
    </message>
    <message>
        <location filename="../widgets/preview.py" line="219"/>
        <source>Camera reconnecting…</source>
        <translation>Kamera verbindet sich neu…</translation>
    </message>
    <message>
        <location filename="../widgets/preview.py" line="220"/>
        <source>No camera</source>
        <translation>Keine Kamera</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <location filename="../operator/settings_tab.py" line="183"/>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="187"/>
        <source>Printing on</source>
        <translation>Drucken an</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="188"/>
        <source>CUPS printer (empty: the system default)</source>
        <translation>CUPS-Drucker (leer: Standarddrucker des Systems)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="189"/>
        <source>Prints for the whole event (0: no limit)</source>
        <translation>Ausdrucke für die ganze Veranstaltung (0: unbegrenzt)</translation>
    </message>
</context>
<context>
    <name>PrinterTab</name>
    <message>
        <location filename="../operator/printer_tab.py" line="111"/>
        <location filename="../operator/printer_tab.py" line="119"/>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="114"/>
        <source>Printing is off in settings (printing.enabled = false).</source>
        <translation>Drucken ist in den Einstellungen ausgeschaltet (printing.enabled = false).</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="116"/>
        <source>Printing is not available: the print service did not start. See Messages.</source>
        <translation>Drucken ist nicht verfügbar: Der Druckdienst ist nicht gestartet. Siehe Meldungen.</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="119"/>
        <location filename="../operator/printer_tab.py" line="127"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="119"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="120"/>
        <source>Prints made</source>
        <translation>Gedruckt</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="120"/>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="121"/>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="123"/>
        <location filename="../operator/printer_tab.py" line="178"/>
        <source>Resuming…</source>
        <translation>Wird fortgesetzt…</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="123"/>
        <location filename="../operator/printer_tab.py" line="187"/>
        <source>Resume printer</source>
        <translation>Drucker fortsetzen</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="124"/>
        <source>Print again</source>
        <translation>Erneut drucken</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="126"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="126"/>
        <source>Print</source>
        <translation>Druckauftrag</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="126"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="126"/>
        <source>Copies</source>
        <translation>Kopien</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="127"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="128"/>
        <source>Print queue</source>
        <translation>Druckwarteschlange</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="135"/>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="139"/>
        <source>{n} of {limit}</source>
        <translation>{n} von {limit}</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="140"/>
        <source>{g} per guest, {e} for the event</source>
        <translation>{g} pro Gast, {e} für das Event</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="141"/>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="179"/>
        <source>Resume asked for the printer</source>
        <translation>Fortsetzen des Druckers angefordert</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="196"/>
        <source>Print {id} queued again</source>
        <translation>Druckauftrag {id} erneut eingereiht</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="20"/>
        <source>{name} is out of paper: load paper, then press Resume{detail}</source>
        <translation>{name} hat kein Papier mehr: Papier einlegen, dann „Drucker fortsetzen“ drücken{detail}</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="21"/>
        <source>{name} has a paper jam: clear it, then press Resume{detail}</source>
        <translation>{name} hat einen Papierstau: Stau beheben, dann „Drucker fortsetzen“ drücken{detail}</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="22"/>
        <source>{name} is out of ribbon, ink or toner: replace it, then press Resume{detail}</source>
        <translation>{name} hat kein Farbband, keine Tinte oder keinen Toner mehr: ersetzen, dann „Drucker fortsetzen“ drücken{detail}</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="25"/>
        <source>{name} has a door or cover open: close it{detail}</source>
        <translation>{name} hat eine Klappe oder Abdeckung offen: schließen{detail}</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="26"/>
        <source>{name} is offline or switched off: check its cable and power, then press Resume{detail}</source>
        <translation>{name} ist offline oder ausgeschaltet: Kabel und Strom prüfen, dann „Drucker fortsetzen“ drücken{detail}</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="29"/>
        <source>{name} cannot print with its driver: reinstall the printer in CUPS{detail}</source>
        <translation>{name} kann mit seinem Treiber nicht drucken: den Drucker in CUPS neu einrichten{detail}</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="32"/>
        <source>{name} is paused in CUPS{detail}: press Resume</source>
        <translation>{name} ist in CUPS angehalten{detail}: „Drucker fortsetzen“ drücken</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="33"/>
        <source>{name} is not accepting jobs in CUPS{detail}: press Resume</source>
        <translation>{name} nimmt in CUPS keine Aufträge an{detail}: „Drucker fortsetzen“ drücken</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="34"/>
        <source>{name} holds print job {job} in CUPS: press Resume to release it</source>
        <translation>{name} hält Druckauftrag {job} in CUPS zurück: „Drucker fortsetzen“ drücken, um ihn freizugeben</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="35"/>
        <source>checking the printer</source>
        <translation>Drucker wird geprüft</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="46"/>
        <source>No answer from CUPS{detail}</source>
        <translation>Keine Antwort von CUPS{detail}</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="48"/>
        <source>printer &apos;{name}&apos; is not set up in CUPS: add it or fix printing.printer</source>
        <translation>Drucker „{name}“ ist in CUPS nicht eingerichtet: hinzufügen oder printing.printer korrigieren</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="50"/>
        <source>no printer chosen and CUPS has no default: set printing.printer</source>
        <translation>kein Drucker gewählt und CUPS hat keinen Standarddrucker: printing.printer setzen</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="63"/>
        <source>{printer} resumed</source>
        <translation>{printer} fortgesetzt</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="66"/>
        <source>Could not reach CUPS to resume the printer: {causes}</source>
        <translation>CUPS nicht erreichbar, Drucker nicht fortgesetzt: {causes}</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="68"/>
        <source>No printer to resume: set printing.printer</source>
        <translation>Kein Drucker zum Fortsetzen: printing.printer setzen</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="69"/>
        <source>Could not resume {printer}: {causes}</source>
        <translation>{printer} konnte nicht fortgesetzt werden: {causes}</translation>
    </message>
    <message>
        <location filename="../operator/printer_words.py" line="61"/>
        <source>the printer did not answer</source>
        <translation>der Drucker hat nicht geantwortet</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="125"/>
        <source>Cancel print</source>
        <translation>Druck abbrechen</translation>
    </message>
    <message>
        <location filename="../operator/printer_tab.py" line="202"/>
        <source>Print {id} cancelled</source>
        <translation>Druckauftrag {id} abgebrochen</translation>
    </message>
</context>
<context>
    <name>ProblemWords</name>
    <message>
        <location filename="../operator/problem_words.py" line="23"/>
        <source>The AI service cannot be reached; pictures wait in the queue.</source>
        <translation>Der KI-Dienst ist nicht erreichbar; die Bilder warten in der Warteschlange.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="24"/>
        <source>The AI service refused the sign-in; photos wait. Check the Credentials tab.</source>
        <translation>Der KI-Dienst hat die Anmeldung abgelehnt; die Fotos warten. Prüfen Sie den Reiter Zugangsdaten.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="26"/>
        <source>The account is out of credits; photos wait. Top it up.</source>
        <translation>Das Konto hat kein Guthaben mehr; die Fotos warten. Laden Sie es auf.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="27"/>
        <source>The AI service takes fewer runs at once; booth now sends {limit} at a time.</source>
        <translation>Der KI-Dienst nimmt weniger Läufe gleichzeitig an; die Fotobox sendet jetzt {limit} auf einmal.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="29"/>
        <source>The AI service has trouble; booth tries again shortly.</source>
        <translation>Der KI-Dienst hat Probleme; die Fotobox versucht es gleich erneut.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="30"/>
        <source>The picture failed.</source>
        <translation>Das Bild ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="31"/>
        <source>No AI result in time; the guest got the framed original.</source>
        <translation>Kein KI-Ergebnis rechtzeitig; der Gast hat das gerahmte Original bekommen.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="32"/>
        <source>The answer to its run was lost; the service may have made it already.</source>
        <translation>Die Antwort auf seinen Lauf ging verloren; der Dienst hat ihn womöglich schon erstellt.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="34"/>
        <source>Booth stopped while sending it; the service may have the run already.</source>
        <translation>Die Fotobox wurde beim Senden beendet; der Dienst hat den Lauf womöglich schon.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="36"/>
        <source>The photo could not be saved; booth keeps it in memory and tries again. Free space on the event disk.</source>
        <translation>Das Foto konnte nicht gespeichert werden; die Fotobox behält es im Speicher und versucht es erneut. Schaffen Sie Platz auf dem Event-Laufwerk.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="38"/>
        <source>The result could not be saved. Free space on the event disk.</source>
        <translation>Das Ergebnis konnte nicht gespeichert werden. Schaffen Sie Platz auf dem Event-Laufwerk.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="40"/>
        <source>The job list cannot be written. Check the event folder&apos;s disk.</source>
        <translation>Die Auftragsliste kann nicht geschrieben werden. Prüfen Sie das Laufwerk des Event-Ordners.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="42"/>
        <source>The camera stopped sending pictures; booth reconnects.</source>
        <translation>Die Kamera liefert keine Bilder mehr; die Fotobox verbindet sich neu.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="43"/>
        <source>The printer {name} is not ready ({state}).</source>
        <translation>Der Drucker {name} ist nicht bereit ({state}).</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="44"/>
        <source>A print failed.</source>
        <translation>Ein Druck ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="45"/>
        <source>Printing could not start; guests get the QR code only.</source>
        <translation>Der Druck konnte nicht starten; Gäste bekommen nur den QR-Code.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="46"/>
        <source>The picture could not be published for download; the guest sees no QR code for it.</source>
        <translation>Das Bild konnte nicht zum Herunterladen bereitgestellt werden; der Gast sieht dafür keinen QR-Code.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="48"/>
        <source>The download server could not start; no QR codes for now.</source>
        <translation>Der Download-Server konnte nicht starten; vorerst keine QR-Codes.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="49"/>
        <source>The job list was damaged: moved aside to {moved_to}; {kept} jobs kept, {rebuilt} rebuilt from the photos.</source>
        <translation>Die Auftragsliste war beschädigt: beiseitegelegt nach {moved_to}; {kept} Aufträge behalten, {rebuilt} aus den Fotos wiederhergestellt.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="51"/>
        <source>The shared storage cannot be reached; {waiting} files wait here and go when it returns.</source>
        <translation>Der gemeinsame Speicher ist nicht erreichbar; {waiting} Dateien warten hier und gehen raus, sobald er wieder da ist.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="54"/>
        <source>The AI service cannot be reached; the local engine makes the pictures meanwhile.</source>
        <translation>Der KI-Dienst ist nicht erreichbar; die lokale Engine erstellt die Bilder so lange.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="56"/>
        <source>No AI result in time.</source>
        <translation>Kein KI-Ergebnis rechtzeitig.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="59"/>
        <source>Press Retry on the Jobs tab to send it again.</source>
        <translation>Drücken Sie Wiederholen im Reiter Aufträge, um ihn erneut zu senden.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="60"/>
        <source>Press Resubmit… on the Jobs tab to send it again (it may cost a credit), or Cancel job.</source>
        <translation>Drücken Sie Neu einreichen… im Reiter Aufträge, um ihn erneut zu senden (das kann ein Guthaben kosten), oder Auftrag abbrechen.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="62"/>
        <source>Then press Resume sending on the Jobs tab.</source>
        <translation>Drücken Sie dann Senden fortsetzen im Reiter Aufträge.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="63"/>
        <source>Fix it, then press Resume printer on the Printer tab.</source>
        <translation>Beheben Sie das, und drücken Sie dann Drucker fortsetzen im Reiter Drucker.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="65"/>
        <source>Press Print again on the Printer tab.</source>
        <translation>Drücken Sie Erneut drucken im Reiter Drucker.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="67"/>
        <source>Ticket {ticket}: {words}</source>
        <translation>Ticket {ticket}: {words}</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="69"/>
        <location filename="../operator/problem_words.py" line="70"/>
        <source>The AI service answers again; queued pictures are going out.</source>
        <translation>Der KI-Dienst antwortet wieder; wartende Bilder werden gesendet.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="71"/>
        <source>The AI service takes runs again as usual.</source>
        <translation>Der KI-Dienst nimmt wieder wie gewohnt Läufe an.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="72"/>
        <location filename="../operator/problem_words.py" line="73"/>
        <source>Sending resumed.</source>
        <translation>Das Senden wurde fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="74"/>
        <source>The camera is live again.</source>
        <translation>Die Kamera ist wieder live.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="75"/>
        <source>The printer is ready again.</source>
        <translation>Der Drucker ist wieder bereit.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="76"/>
        <source>The shared storage answers again; waiting files are going out.</source>
        <translation>Der gemeinsame Speicher antwortet wieder; wartende Dateien gehen jetzt raus.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="81"/>
        <source>Solved: {words}</source>
        <translation>Gelöst: {words}</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="77"/>
        <source>The photo is saved now.</source>
        <translation>Das Foto ist jetzt gespeichert.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="78"/>
        <source>The result is saved now.</source>
        <translation>Das Ergebnis ist jetzt gespeichert.</translation>
    </message>
    <message>
        <location filename="../operator/problem_words.py" line="79"/>
        <source>The job list is written again.</source>
        <translation>Die Auftragsliste wird wieder geschrieben.</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <location filename="../kiosk/screens/result.py" line="150"/>
        <source>Printing is paused: scan the code to take it home.</source>
        <translation>Der Druck pausiert gerade: Scanne den Code und nimm dein Bild mit nach Hause.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="156"/>
        <source>Printing! Pick it up at the printer.</source>
        <translation>Wird gedruckt! Hol es dir am Drucker ab.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="157"/>
        <source>The printer needs a moment. Scan the code to take it home.</source>
        <translation>Der Drucker braucht einen Moment. Scanne den Code und nimm es mit.</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="182"/>
        <source>Here you are!</source>
        <translation>Da bist du!</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="183"/>
        <source>Scan to take it home</source>
        <translation>Scannen und mitnehmen</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="184"/>
        <source>COPIES</source>
        <translation>KOPIEN</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="185"/>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/result.py" line="186"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../kiosk/screens/review.py" line="51"/>
        <source>Love it?</source>
        <translation>Gefällt es dir?</translation>
    </message>
    <message numerus="yes">
        <location filename="../kiosk/screens/review.py" line="53"/>
        <source>Retake (%n left)</source>
        <translation>
            <numerusform>Nochmal (%n übrig)</numerusform>
            <numerusform>Nochmal (%n übrig)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../kiosk/screens/review.py" line="55"/>
        <source>No retakes left</source>
        <translation>Keine Wiederholung mehr</translation>
    </message>
    <message>
        <location filename="../kiosk/screens/review.py" line="56"/>
        <source>Use it!</source>
        <translation>Nehmen!</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../operator/settings_form.py" line="264"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="269"/>
        <source>This booth was started without a settings file: changes cannot be saved.</source>
        <translation>Diese Fotobox wurde ohne Einstellungsdatei gestartet: Änderungen können nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="275"/>
        <source>from {variable} (environment; it wins)</source>
        <translation>aus {variable} (Umgebung; hat Vorrang)</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="277"/>
        <source>stored in the system keyring</source>
        <translation>im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="278"/>
        <source>stored in a private file beside the settings</source>
        <translation>in einer privaten Datei neben den Einstellungen gespeichert</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="279"/>
        <source>from the settings file</source>
        <translation>aus der Einstellungsdatei</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="280"/>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="288"/>
        <source>must be at most {limit}</source>
        <translation>darf höchstens {limit} sein</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="289"/>
        <source>must be at least {limit}</source>
        <translation>muss mindestens {limit} sein</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="290"/>
        <source>must be more than {limit}</source>
        <translation>muss größer als {limit} sein</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="291"/>
        <source>must be less than {limit}</source>
        <translation>muss kleiner als {limit} sein</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="292"/>
        <location filename="../operator/settings_form.py" line="293"/>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="294"/>
        <source>must be a number</source>
        <translation>muss eine Zahl sein</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="295"/>
        <source>must be a colour like #ff5a8a</source>
        <translation>muss eine Farbe wie #ff5a8a sein</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="296"/>
        <source>must be one of: {limit}</source>
        <translation>muss eines davon sein: {limit}</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="299"/>
        <source>must be an https:// address (plain http only on this computer)</source>
        <translation>muss eine https://-Adresse sein (einfaches http nur auf diesem Rechner)</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="303"/>
        <source>not valid: {reason}</source>
        <translation>ungültig: {reason}</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="332"/>
        <source>set, {where}; type to change</source>
        <translation>gesetzt, {where}; zum Ändern eintippen</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="334"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="361"/>
        <source>Nothing changed.</source>
        <translation>Nichts geändert.</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="373"/>
        <source>Saving…</source>
        <translation>Speichere…</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="384"/>
        <source>Not saved: correct the fields marked in red.</source>
        <translation>Nicht gespeichert: Korrigieren Sie die rot markierten Felder.</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="389"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="391"/>
        <source>Restart the booth for these to take effect: {keys}</source>
        <translation>Diese wirken erst nach einem Neustart der Fotobox: {keys}</translation>
    </message>
    <message>
        <location filename="../operator/settings_form.py" line="416"/>
        <source>The settings file cannot be used: {reason}</source>
        <translation>Die Einstellungsdatei ist nicht nutzbar: {reason}</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../operator/settings_tab.py" line="246"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="246"/>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="246"/>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="246"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="246"/>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="247"/>
        <source>New · export · close</source>
        <translation>Neu · Export · Ende</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="247"/>
        <source>Sharing</source>
        <translation>Teilen</translation>
    </message>
</context>
<context>
    <name>SharingPage</name>
    <message>
        <location filename="../operator/settings_tab.py" line="201"/>
        <source>Sharing</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="205"/>
        <source>Download links and QR codes on</source>
        <translation>Download-Links und QR-Codes an</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="206"/>
        <source>Days a link works (0: until revoked)</source>
        <translation>Tage, die ein Link gilt (0: bis zum Widerruf)</translation>
    </message>
    <message>
        <location filename="../operator/settings_tab.py" line="207"/>
        <source>Public address of the share pages (empty: the LAN)</source>
        <translation>Öffentliche Adresse der Teilen-Seiten (leer: das lokale Netz)</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <location filename="../operator/stats_tab.py" line="74"/>
        <source>Event figures</source>
        <translation>Event-Zahlen</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="75"/>
        <source>Jobs in all</source>
        <translation>Aufträge gesamt</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="79"/>
        <source>Waiting for your decision</source>
        <translation>Warten auf Ihre Entscheidung</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="80"/>
        <source>AI service</source>
        <translation>KI-Dienst</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="81"/>
        <source>Average generation time</source>
        <translation>Durchschnittliche Erstellungszeit</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="82"/>
        <source>Prints made</source>
        <translation>Gedruckt</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="83"/>
        <source>Prints waiting</source>
        <translation>Drucke in Warteschlange</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="84"/>
        <source>Account problems (credits, sign-in)</source>
        <translation>Kontoprobleme (Guthaben, Anmeldung)</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="101"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="103"/>
        <source>offline: pictures wait in the queue</source>
        <translation>offline: Bilder warten in der Warteschlange</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="105"/>
        <source>{s:.1f} s</source>
        <translation>{s:.1f} s</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="107"/>
        <source>printing is off</source>
        <translation>Drucken ist aus</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="107"/>
        <source>no printer</source>
        <translation>kein Drucker</translation>
    </message>
    <message>
        <location filename="../operator/stats_tab.py" line="115"/>
        <source> — sending paused: {m}</source>
        <translation> – Senden pausiert: {m}</translation>
    </message>
</context>
<context>
    <name>SyncCard</name>
    <message>
        <location filename="../operator/sync_card.py" line="60"/>
        <source>Shared storage</source>
        <translation>Gemeinsamer Speicher</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="61"/>
        <source>Last sync</source>
        <translation>Letzter Abgleich</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="62"/>
        <source>Files waiting to be copied</source>
        <translation>Dateien, die noch kopiert werden</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="63"/>
        <source>Kiosks of the event</source>
        <translation>Kiosks des Events</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="64"/>
        <source>Guests, all kiosks</source>
        <translation>Gäste, alle Kiosks</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="65"/>
        <source>Pictures, all kiosks</source>
        <translation>Bilder, alle Kiosks</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="66"/>
        <source>Prints, all kiosks</source>
        <translation>Drucke, alle Kiosks</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="67"/>
        <source>Failed jobs, all kiosks</source>
        <translation>Fehlgeschlagene Aufträge, alle Kiosks</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="68"/>
        <source>Average wait, all kiosks</source>
        <translation>Mittlere Wartezeit, alle Kiosks</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="78"/>
        <source>rclone is not installed: install it (apt install rclone)</source>
        <translation>rclone ist nicht installiert: bitte installieren (apt install rclone)</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="79"/>
        <source>the storage did not answer in time; trying again</source>
        <translation>der Speicher hat nicht rechtzeitig geantwortet; neuer Versuch folgt</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="80"/>
        <source>the remote folder was not found: check sync.remote</source>
        <translation>der Ordner im Speicher wurde nicht gefunden: sync.remote prüfen</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="82"/>
        <source>cannot be reached; pictures wait here and go when it returns</source>
        <translation>nicht erreichbar; die Bilder warten hier und werden kopiert, sobald er wieder da ist</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="89"/>
        <source>copying…</source>
        <translation>kopiert…</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="91"/>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="91"/>
        <source>not yet synced</source>
        <translation>noch nicht abgeglichen</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="122"/>
        <source>{n} (read at {t})</source>
        <translation>{n} (gelesen um {t})</translation>
    </message>
    <message>
        <location filename="../operator/sync_card.py" line="130"/>
        <source>{s:.1f} s</source>
        <translation>{s:.1f} s</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../common/wording.py" line="20"/>
        <source>AI Magic</source>
        <translation>KI-Magie</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="21"/>
        <source>Dream Styles</source>
        <translation>Traumwelten</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="22"/>
        <source>Strike a Pose</source>
        <translation>Pose-Porträt</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="23"/>
        <source>Duo Portrait</source>
        <translation>Duo-Porträt</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="24"/>
        <source>Duo Dream</source>
        <translation>Duo-Traum</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="25"/>
        <source>Living Photo</source>
        <translation>Lebendiges Foto</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="26"/>
        <source>New Backdrop</source>
        <translation>Neuer Hintergrund</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="27"/>
        <source>Comic Hero</source>
        <translation>Comic-Held</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="28"/>
        <source>Glow Up</source>
        <translation>Glow-up</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="19"/>
        <source>Become a work of art in one tap</source>
        <translation>Mit einem Tipp zum Kunstwerk</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="20"/>
        <source>Step into a world of your choice</source>
        <translation>Tauche in eine Welt deiner Wahl ein</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="21"/>
        <source>Copy a famous pose, get a portrait</source>
        <translation>Berühmte Pose nachstellen, Porträt bekommen</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="22"/>
        <source>A portrait for the two of you</source>
        <translation>Ein Porträt für euch zwei</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="23"/>
        <source>The two of you, anywhere</source>
        <translation>Ihr zwei, wo immer ihr wollt</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="24"/>
        <source>Your photo comes alive</source>
        <translation>Dein Foto wird lebendig</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="25"/>
        <source>Just you, clean and crisp</source>
        <translation>Nur du, klar und frisch</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="26"/>
        <source>Jump into a comic strip</source>
        <translation>Spring in einen Comic</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="27"/>
        <source>Your best light, naturally</source>
        <translation>Dein bestes Licht, ganz natürlich</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="30"/>
        <source>Man</source>
        <translation>Mann</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="31"/>
        <source>Woman</source>
        <translation>Frau</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="32"/>
        <source>Boy</source>
        <translation>Junge</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="33"/>
        <source>Girl</source>
        <translation>Mädchen</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="36"/>
        <source>Portrait</source>
        <translation>Hochformat</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="37"/>
        <source>Landscape</source>
        <translation>Querformat</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="38"/>
        <source>Square</source>
        <translation>Quadrat</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="40"/>
        <source>Our AI studio is busy: your photo is safe and will appear here shortly.</source>
        <translation>Unser KI-Studio hat gerade viel zu tun: Dein Foto ist sicher und erscheint gleich hier.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="41"/>
        <source>Our AI studio is taking a short break: your photo is safe, our host is on it.</source>
        <translation>Unser KI-Studio macht kurz Pause: Dein Foto ist sicher, unser Team kümmert sich.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="42"/>
        <source>One picture needs a little help from our host. Your photo is safe.</source>
        <translation>Ein Bild braucht kurz Hilfe von unserem Team. Dein Foto ist sicher.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="43"/>
        <source>The camera is waking up again, one moment please.</source>
        <translation>Die Kamera wacht gerade auf, einen Moment bitte.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="44"/>
        <source>The printer needs a moment. Take your picture home with the QR code.</source>
        <translation>Der Drucker braucht einen Moment. Nimm dein Bild mit dem QR-Code mit.</translation>
    </message>
    <message>
        <location filename="../kiosk/wording.py" line="45"/>
        <source>Something needs a moment. Your photo is safe.</source>
        <translation>Einen Moment bitte. Dein Foto ist sicher.</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="30"/>
        <source>on its way</source>
        <translation>unterwegs</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="34"/>
        <source>in line</source>
        <translation>in der Warteschlange</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="35"/>
        <source>in the studio</source>
        <translation>im Studio</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="36"/>
        <source>ready!</source>
        <translation>fertig!</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="37"/>
        <source>ask our host</source>
        <translation>bitte Team fragen</translation>
    </message>
    <message>
        <location filename="../common/wording.py" line="38"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
</TS>
