<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>BarcodeSheet</name>
    <message>
        <location filename="../../app/barcodes/sheet_words.py" line="+45"/>
        <source>scanpack demo barcodes</source>
        <translation>Códigos de barras de la demo de scanpack</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>page {number} of {pages}</source>
        <translation>página {number} de {pages}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For the demo data: scanpack --demo, or scanpack-store --seed demo (seed {seed}). Print at 100 % (actual size) on A4.</source>
        <translation>Para los datos de demostración: scanpack --demo, o scanpack-store --seed demo (semilla {seed}). Imprima al 100 % (tamaño real) en A4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{section} (continued)</source>
        <translation>{section} (continuación)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commands</source>
        <translation>Comandos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every step of picking and packing can also be done by scanning its command.</source>
        <translation>Cada paso de la preparación y el embalaje se puede hacer también escaneando su comando.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantities</source>
        <translation>Cantidades</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a quantity, then the item (or a short pick): it counts that many.</source>
        <translation>Escanee una cantidad y después el artículo (o un faltante): cuenta esa cantidad.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Badges</source>
        <translation>Tarjetas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in by scanning your badge.</source>
        <translation>Inicie sesión escaneando su tarjeta.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Totes</source>
        <translation>Contenedores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo has {count} totes, {first} to {last}; here are the first {shown}.</source>
        <translation>La demo tiene {count} contenedores, de {first} a {last}; aquí están los {shown} primeros.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tote</source>
        <translation>Contenedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First row: the head of the pick queue. Second: ready to pack. Third: orders the app refuses to pick or pack.</source>
        <translation>Primera fila: los primeros de la cola de preparación. Segunda: listos para embalar. Tercera: pedidos que la aplicación no deja preparar ni embalar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>pick queue #{place}: {order}</source>
        <translation>cola n.º {place}: {order}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ready to pack: {order}</source>
        <translation>para embalar: {order}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{status}, {priority}, lines: {lines}</source>
        <translation>{status}, {priority}, líneas: {lines}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every item of the orders to pick and pack above. Each has an EAN-13; some also carry a UPC-A (every third product of the catalogue does).</source>
        <translation>Todos los artículos de los pedidos de arriba. Cada uno tiene un EAN-13; algunos llevan también un UPC-A (uno de cada tres productos del catálogo).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}, bin {bin}</source>
        <translation>{name}, ubicación {bin}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bins</source>
        <translation>Ubicaciones</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The home bins of the products on this sheet, in pick-path order.</source>
        <translation>Las ubicaciones de los productos de esta hoja, en el orden del recorrido de preparación.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bin</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GS1 labels with lot and expiry</source>
        <translation>Etiquetas GS1 con lote y caducidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items as they come from a supplier: GS1-128 with (01) GTIN, (17) expiry date and (10) lot.</source>
        <translation>Artículos tal como llegan del proveedor: GS1-128 con (01) GTIN, (17) fecha de caducidad y (10) lote.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GS1 DataMatrix</source>
        <translation>GS1 DataMatrix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same items in GS1 DataMatrix, with a (21) serial number as well.</source>
        <translation>Los mismos artículos en GS1 DataMatrix, también con un (21) número de serie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Codes the station does not know</source>
        <translation>Códigos que el puesto no conoce</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read correctly, but not in the demo data: the app answers in red.</source>
        <translation>Se leen bien, pero no están en los datos de la demo: la aplicación responde en rojo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown product</source>
        <translation>Producto desconocido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown order</source>
        <translation>Pedido desconocido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown bin</source>
        <translation>Ubicación desconocida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>picking</source>
        <translation>en preparación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>picked</source>
        <translation>preparado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packing</source>
        <translation>en embalaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packed</source>
        <translation>embalado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shipped</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on hold</source>
        <translation>retenido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>low</source>
        <translation>baja</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>picker</source>
        <translation>preparador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packer</source>
        <translation>embalador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
</context>
<context>
    <name>CameraScanner</name>
    <message>
        <location filename="../../ui/scanner/camera.py" line="+130"/>
        <source>Camera scanning is not installed on this station ({reason}).</source>
        <translation>El escaneo por cámara no está instalado en este puesto ({reason}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No camera found on this station.</source>
        <translation>No se encontró ninguna cámara en este puesto.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Camera on: hold the barcode in front of {name}.</source>
        <translation>Cámara encendida: ponga el código de barras delante de {name}.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Camera off.</source>
        <translation>Cámara apagada.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The camera stopped: {reason}.</source>
        <translation>La cámara se detuvo: {reason}.</translation>
    </message>
</context>
<context>
    <name>CartView</name>
    <message>
        <location filename="../../ui/screens/pick_cart.py" line="+73"/>
        <source>Scan the empty totes on your cart</source>
        <translation>Escanee los contenedores vacíos de su carro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear cart</source>
        <translation>Vaciar carro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a code</source>
        <translation>Teclear código</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Up to {n} totes; each gets one order. Then tap Start.</source>
        <translation>Hasta {n} contenedores; cada uno recibe un pedido. Luego toque Empezar.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>empty slot {n}</source>
        <translation>hueco libre {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start {n} orders</source>
        <translation>Empezar {n} pedidos</translation>
    </message>
</context>
<context>
    <name>CartonPanel</name>
    <message>
        <location filename="../../ui/screens/pack_panels.py" line="+215"/>
        <location line="+28"/>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Package {n}: take carton {carton}, or tap or scan another.</source>
        <translation>Bulto {n}: tome la caja {carton}, o toque o escanee otra.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Package {n}: tap or scan a carton.</source>
        <translation>Bulto {n}: toque o escanee una caja.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confirm {carton}</source>
        <translation>Confirmar {carton}</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <location filename="../../ui/screens/supervisor_pages.py" line="+198"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>CodeKeyboard</name>
    <message>
        <location filename="../../ui/widgets/code_keyboard.py" line="+129"/>
        <source>Type the code from the label</source>
        <translation>Teclee el código de la etiqueta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⌫ Delete</source>
        <translation>⌫ Borrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the last character</source>
        <translation>Borrar el último carácter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Borrar todo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
</context>
<context>
    <name>CommandTitles</name>
    <message>
        <location filename="../../app/barcodes/messages.py" line="+131"/>
        <source>Start picking</source>
        <translation>Empezar a preparar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start packing</source>
        <translation>Empezar a embalar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>Saltar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short pick</source>
        <translation>Faltante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next order</source>
        <translation>Siguiente pedido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print labels again</source>
        <translation>Reimprimir etiquetas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity {qty}</source>
        <translation>Cantidad {qty}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close this package</source>
        <translation>Cerrar este bulto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put on hold</source>
        <translation>Retener</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>item missing</source>
        <translation>falta un artículo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>item damaged</source>
        <translation>artículo dañado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong item</source>
        <translation>artículo equivocado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bin empty</source>
        <translation>ubicación vacía</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>damaged</source>
        <translation>dañado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not found</source>
        <translation>no encontrado</translation>
    </message>
</context>
<context>
    <name>CrashScreen</name>
    <message>
        <location filename="../../ui/crash.py" line="+116"/>
        <source>scanpack — problem</source>
        <translation>scanpack — problema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>scanpack ran into an unexpected problem. Everything you confirmed on screen is saved. Tap Continue and carry on; if it happens again, tell a supervisor.</source>
        <translation>scanpack encontró un problema inesperado. Todo lo que confirmó en pantalla está guardado. Toque Continuar y siga; si vuelve a pasar, avise a un supervisor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Report {when} in {path}</source>
        <translation>Informe {when} en {path}</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../ui/screens/supervisor_panels.py" line="+351"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bin</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Picked</source>
        <translation>Preparado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Packed</source>
        <translation>Embalado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tap an order to see it here.</source>
        <translation>Toque un pedido para verlo aquí.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>with {person}</source>
        <translation>con {person}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>at {station}</source>
        <translation>en {station}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>held: {reason}</source>
        <translation>retenido: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>totes {totes}</source>
        <translation>contenedores {totes}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to {place}</source>
        <translation>para {place}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> ({short} short)</source>
        <translation> ({short} faltante)</translation>
    </message>
</context>
<context>
    <name>ExceptionsList</name>
    <message>
        <location filename="../../ui/screens/supervisor_lists.py" line="+82"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../ui/feedback.py" line="+58"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WRONG</source>
        <translation>ERROR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DONE</source>
        <translation>HECHO</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/screens/supervisor_panels.py" line="-127"/>
        <source>Every status</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every zone</source>
        <translation>Todas las zonas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every carrier</source>
        <translation>Todos los transportistas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everybody</source>
        <translation>Todas las personas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every priority</source>
        <translation>Todas las prioridades</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order, SKU or tote</source>
        <translation>Pedido, SKU o contenedor</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <location filename="../../ui/screens/first_run.py" line="+137"/>
        <source>Set up this station</source>
        <translation>Configurar esta estación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan this station&apos;s set-up code with the scanner, or show it to the camera.</source>
        <translation>Escanee el código de configuración de esta estación con el escáner, o muéstrelo a la cámara.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The set-up code is a QR code. Make it on the order store&apos;s computer with this command, then print it:</source>
        <translation>El código de configuración es un código QR. Créelo en el ordenador del servidor de pedidos con este comando y luego imprímalo:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No camera</source>
        <translation>Sin cámara</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the camera</source>
        <translation>Detener la cámara</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the camera</source>
        <translation>Usar la cámara</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checking the order store at {url}…</source>
        <translation>Comprobando el servidor de pedidos en {url}…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>That is not a station set-up code. Scan the QR code printed for this station.</source>
        <translation>Eso no es un código de configuración de estación. Escanee el código QR impreso para esta estación.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>This station is now {station}, on the order store at {url}.</source>
        <translation>Esta estación es ahora {station}, en el servidor de pedidos de {url}.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This code is for station {code_station}, but this station was started as {station}. Scan the code printed for {station}, or start scanpack without --station.</source>
        <translation>Este código es para la estación {code_station}, pero esta estación se inició como {station}. Escanee el código impreso para {station}, o inicie scanpack sin --station.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The order store at {url} does not answer ({detail}). Check the network cable or Wi-Fi, and that the store is running; then scan again.</source>
        <translation>El servidor de pedidos en {url} no responde ({detail}). Compruebe el cable de red o la wifi, y que el servidor esté en marcha; después escanee de nuevo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The order store at {url} did not answer in time. Check the network, then scan again.</source>
        <translation>El servidor de pedidos en {url} no respondió a tiempo. Compruebe la red y escanee de nuevo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The order store at {url} has a certificate this station does not trust ({detail}). Install the site&apos;s CA certificate, or ask for the store&apos;s right address.</source>
        <translation>El servidor de pedidos en {url} tiene un certificado en el que esta estación no confía ({detail}). Instale el certificado de la CA del centro, o pida la dirección correcta del servidor.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Something answered at {url}, but it is not a scanpack order store. Check the address the code was made with (--url).</source>
        <translation>Algo respondió en {url}, pero no es un servidor de pedidos de scanpack. Compruebe la dirección con la que se creó el código (--url).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The order store refused the token of station {station}: it was revoked, or made for another store. Make a new code and scan it.</source>
        <translation>El servidor de pedidos rechazó el token de la estación {station}: se revocó, o se creó para otro servidor. Cree un código nuevo y escanéelo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The settings could not be saved: the disk is full ({detail}). Free some space, then scan again.</source>
        <translation>No se pudo guardar la configuración: el disco está lleno ({detail}). Libere espacio y escanee de nuevo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The settings could not be saved ({detail}). Ask an administrator.</source>
        <translation>No se pudo guardar la configuración ({detail}). Avise a un administrador.</translation>
    </message>
</context>
<context>
    <name>HandBackPanel</name>
    <message>
        <location filename="../../ui/screens/pick_handback.py" line="+28"/>
        <source>Tote {tote} ({order}): {n} picked. Take it to packing.</source>
        <translation>Contenedor {tote} ({order}): {n} preparado(s). Llévelo a embalaje.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tote {tote} ({order}): empty. Keep it for your next pick.</source>
        <translation>Contenedor {tote} ({order}): vacío. Guárdelo para su próxima preparación.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order}: {n} picked. Take them to packing with the order number.</source>
        <translation>Pedido {order}: {n} preparado(s). Llévelos a embalaje con el número de pedido.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Order {order}: nothing picked yet.</source>
        <translation>Pedido {order}: aún no se ha preparado nada.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{n} orders handed back.</source>
        <translation>{n} pedidos devueltos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} handed back.</source>
        <translation>Pedido {order} devuelto.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Totes to packing: {totes}.</source>
        <translation>Contenedores a embalaje: {totes}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take what you picked to packing.</source>
        <translation>Lleve lo preparado a embalaje.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Yes, hand back</source>
        <translation>Sí, devolver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep picking</source>
        <translation>Seguir preparando</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What you picked stays counted: the next picker picks only the rest.</source>
        <translation>Lo preparado sigue contado: el siguiente preparador prepara solo el resto.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hand back all {n} orders of your cart? They go back to the queue for other pickers.</source>
        <translation>¿Devolver los {n} pedidos de su carro? Vuelven a la cola para otros preparadores.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hand back order {order}? It goes back to the queue for another picker.</source>
        <translation>¿Devolver el pedido {order}? Vuelve a la cola para otro preparador.</translation>
    </message>
</context>
<context>
    <name>HoldPanel</name>
    <message>
        <location filename="../../ui/screens/pack_panels.py" line="-69"/>
        <source>Why can this order not be packed?</source>
        <translation>¿Por qué no se puede embalar este pedido?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/screens/home.py" line="+201"/>
        <source>Pick</source>
        <translation>Preparar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pack</source>
        <translation>Embalar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor queue</source>
        <translation>Supervisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bin by bin, one order or a cart</source>
        <translation>Ubicación a ubicación, un pedido o un carro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify, box, weigh, print</source>
        <translation>Verificar, encajar, pesar, imprimir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print, reprint, test</source>
        <translation>Imprimir, reimprimir, probar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order store, station, scanner</source>
        <translation>Servidor de pedidos, puesto, escáner</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Log out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Hello, {name}</source>
        <translation>Hola, {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your roles: {roles}</source>
        <translation>Sus funciones: {roles}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No camera</source>
        <translation>Sin cámara</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera: on</source>
        <translation>Cámara: encendida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>picker</source>
        <translation>preparador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packer</source>
        <translation>embalador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>site admin</source>
        <translation>administrador del sitio</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="+127"/>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⌫</source>
        <translation>⌫</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete last digit</source>
        <translation>Borrar el último dígito</translation>
    </message>
</context>
<context>
    <name>KeypadPanel</name>
    <message>
        <location filename="../../ui/screens/pack_panels.py" line="-53"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../ui/kiosk.py" line="+227"/>
        <source>The printer settings in {file} are broken (the log says why); labels go to {folder} until they are fixed.</source>
        <translation>Los ajustes de impresora de {file} están mal (el registro dice por qué); las etiquetas van a {folder} hasta que se corrijan.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The packing settings in {file} are broken (the log says why); the demo cartons are offered until they are fixed.</source>
        <translation>La configuración de embalaje en {file} es incorrecta (el registro dice por qué); se ofrecen las cajas de demostración hasta que se corrija.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The new settings were saved, but syncing could not restart: {0}. Restart scanpack.</source>
        <translation>Los ajustes nuevos se guardaron, pero la sincronización no pudo reiniciarse: {0}. Reinicie scanpack.</translation>
    </message>
</context>
<context>
    <name>LabelTemplate</name>
    <message>
        <location filename="../../app/printing/wording.py" line="+37"/>
        <source>FROM</source>
        <translation>REMITENTE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed {printed}</source>
        <translation>Impreso {printed}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHIP TO</source>
        <translation>DESTINATARIO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PACKAGE</source>
        <translation>BULTO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{package.no} of {package.count}</source>
        <translation>{package.no} de {package.count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ORDER</source>
        <translation>PEDIDO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSCC</source>
        <translation>SSCC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PACKING SLIP</source>
        <translation>ALBARÁN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order {order.number}</source>
        <translation>Pedido {order.number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ship to</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Remitente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carrier: {order.carrier} {order.service} | Lines: {order.line_count} | Units: {order.units} | Printed: {printed}</source>
        <translation>Transportista: {order.carrier} {order.service} | Líneas: {order.line_count} | Unidades: {order.units} | Impreso: {printed}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bin</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordered</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packed</source>
        <translation>Embalado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questions about your parcel? Quote order {order.number}.</source>
        <translation>¿Dudas sobre su envío? Indique el pedido {order.number}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page {page} of {pages}</source>
        <translation>Página {page} de {pages}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TOTE</source>
        <translation>CONTENEDOR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BIN</source>
        <translation>UBICACIÓN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zone {bin.zone}  |  Aisle {bin.aisle}  |  Pick sequence {bin.sequence}</source>
        <translation>Zona {bin.zone}  |  Pasillo {bin.aisle}  |  Orden de recogida {bin.sequence}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bin {product.location}</source>
        <translation>Ubicación {product.location}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TEST PRINT</source>
        <translation>IMPRESIÓN DE PRUEBA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{printer}: {printer.format}, {printer.dpi} dpi, station {station}</source>
        <translation>{printer}: {printer.format}, {printer.dpi} ppp, puesto {station}</translation>
    </message>
</context>
<context>
    <name>LabelWords</name>
    <message>
        <location filename="../../ui/screens/labels_work.py" line="+32"/>
        <source>printer {name}</source>
        <translation>impresora {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bin</source>
        <translation>ubicación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tote</source>
        <translation>contenedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>product</source>
        <translation>producto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shipping</source>
        <translation>envío</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packing slip</source>
        <translation>albarán</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test</source>
        <translation>prueba</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Printing the {label} label for {key}…</source>
        <translation>Imprimiendo la etiqueta de {label} de {key}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printing the {label} label for {key} on {printer}…</source>
        <translation>Imprimiendo la etiqueta de {label} de {key} en {printer}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Order {key}: its {label} label would print on {printer}. To print it, scan the order again or tap Print shipping label.</source>
        <translation>Pedido {key}: su etiqueta de {label} se imprimiría en {printer}. Para imprimirla, escanee otra vez el pedido o toque Imprimir etiqueta de envío.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not printed: the {label} label for {key}.</source>
        <translation>Sin imprimir: la etiqueta de {label} de {key}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no printer is set up</source>
        <translation>no hay ninguna impresora configurada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no printer here takes A4 pages ({printers}: labels only)</source>
        <translation>ninguna impresora de aquí admite páginas A4 ({printers}: solo etiquetas)</translation>
    </message>
</context>
<context>
    <name>LabelsScreen</name>
    <message>
        <location filename="../../ui/screens/labels.py" line="+146"/>
        <source>{title}: {error}</source>
        <translation>{title}: {error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printed {title} on {printer}.</source>
        <translation>{title} impreso en {printer}.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>This label cannot be shown.</source>
        <translation>Esta etiqueta no se puede mostrar.</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+6"/>
        <source>Choose a job to see its label.</source>
        <translation>Elija un trabajo para ver su etiqueta.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>That job is no longer kept.</source>
        <translation>Ese trabajo ya no se conserva.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Printing {title} again on {printer}…</source>
        <translation>Reimprimiendo {title} en {printer}…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Trying {title} again on {printer}…</source>
        <translation>Reintentando {title} en {printer}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This job is not waiting to print.</source>
        <translation>Este trabajo no está esperando para imprimirse.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Printing a test label on {printer}…</source>
        <translation>Imprimiendo una etiqueta de prueba en {printer}…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Nothing to print again.</source>
        <translation>No hay nada que reimprimir.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels_sheet.py" line="+44"/>
        <source>Making the demo barcode sheet…</source>
        <translation>Creando la hoja de códigos de demostración…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The demo barcode sheet could not be saved: {reason}</source>
        <translation>No se pudo guardar la hoja de códigos de demostración: {reason}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sending the demo barcode sheet (A4 pages) to {printer}…</source>
        <translation>Enviando la hoja de códigos de demostración (páginas A4) a {printer}…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{printer} takes pages but not PDF</source>
        <translation>{printer} admite páginas, pero no PDF</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Demo barcode sheet not printed: {why}. Saved as {path}; print it on A4 at 100 %.</source>
        <translation>Hoja de códigos de demostración sin imprimir: {why}. Guardada como {path}; imprímala en A4 al 100 %.</translation>
    </message>
</context>
<context>
    <name>LabelsView</name>
    <message>
        <location filename="../../ui/screens/labels_view.py" line="+136"/>
        <source>Choose a job to see its label.</source>
        <translation>Elija un trabajo para ver su etiqueta.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a bin, tote, product or order to print its label.</source>
        <translation>Escanee una ubicación, contenedor, producto o pedido para imprimir su etiqueta.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a code</source>
        <translation>Teclear código</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo barcode sheet</source>
        <translation>Hoja de códigos demo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reprint</source>
        <translation>Reimprimir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print shipping label</source>
        <translation>Imprimir etiqueta de envío</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test print:</source>
        <translation>Prueba:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print a test label on {printer}</source>
        <translation>Imprimir una etiqueta de prueba en {printer}</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../ui/screens/login.py" line="+129"/>
        <source>Scan your badge</source>
        <translation>Escanee su tarjeta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No scanner? Type the badge code and tap Log in.</source>
        <translation>¿Sin escáner? Teclee el código de su tarjeta y toque Entrar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Badge code</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a code</source>
        <translation>Teclear código</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+58"/>
        <source>Badge {badge} belongs to an account that is switched off. Ask a supervisor.</source>
        <translation>La tarjeta {badge} es de una cuenta desactivada. Avise a un supervisor.</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Scan or type your badge first.</source>
        <translation>Primero escanee o teclee su tarjeta.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Could not check badge {badge}: {reason}. Try again or ask a supervisor.</source>
        <translation>No se pudo comprobar la tarjeta {badge}: {reason}. Inténtelo de nuevo o avise a un supervisor.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Badge {badge} is not known at this station. Check the badge or ask a supervisor.</source>
        <translation>La tarjeta {badge} no se conoce en este puesto. Revise la tarjeta o avise a un supervisor.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+299"/>
        <source>You were logged out because the station was not used for a while.</source>
        <translation>Se cerró su sesión porque el puesto llevaba un rato sin usarse.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>scanpack — {station}</source>
        <translation>scanpack — {station}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>scanpack — station not set up</source>
        <translation>scanpack — puesto sin configurar</translation>
    </message>
    <message>
        <location filename="../../ui/window_scans.py" line="+30"/>
        <source>Nobody is logged in. Scan your badge.</source>
        <translation>No hay nadie con sesión iniciada. Escanee su tarjeta.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Logged out. Goodbye, {name}.</source>
        <translation>Sesión cerrada. Hasta luego, {name}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Picking is not open to you here.</source>
        <translation>Aquí no tiene acceso a preparar pedidos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Getting your work…</source>
        <translation>Buscando su trabajo…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Packing is not open to you here.</source>
        <translation>Aquí no tiene acceso a embalar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scan the order&apos;s packing slip or its tote.</source>
        <translation>Escanee el albarán del pedido o su contenedor.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} is logged in here. Log out first (Log out, or scan the log-out barcode), then scan your badge.</source>
        <translation>{name} tiene la sesión abierta aquí. Primero cierre sesión (Cerrar sesión, o escanee el código de cerrar sesión) y luego escanee su tarjeta.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Log in first: scan your badge.</source>
        <translation>Primero inicie sesión: escanee su tarjeta.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="+88"/>
        <source>This station is set up as {station}. Scan your badge.</source>
        <translation>Esta estación está configurada como {station}. Escanee su tarjeta.</translation>
    </message>
</context>
<context>
    <name>ManualEntry</name>
    <message>
        <location filename="../../ui/widgets/manual_entry.py" line="+60"/>
        <source>Type the code from a damaged label</source>
        <translation>Código de la etiqueta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A product code, SKU, bin, tote or order number, as printed on the label</source>
        <translation>Un código de producto, SKU, ubicación, contenedor o número de pedido, tal como está impreso en la etiqueta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter code</source>
        <translation>Introducir código</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a code</source>
        <translation>Teclear código</translation>
    </message>
</context>
<context>
    <name>OrderReader</name>
    <message>
        <location filename="../../ui/screens/pack_open.py" line="+61"/>
        <source>This order cannot be opened now: scan it again.</source>
        <translation>Este pedido no se puede abrir ahora: escanéelo de nuevo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This order cannot be packed here any more: scan it again.</source>
        <translation>Este pedido ya no se puede embalar aquí: escanéelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <location filename="../../ui/scanner/pipeline.py" line="+104"/>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>picking</source>
        <translation>en preparación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>picked</source>
        <translation>preparado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packing</source>
        <translation>en embalaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packed</source>
        <translation>embalado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shipped</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on hold</source>
        <translation>retenido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
</context>
<context>
    <name>PackMessages</name>
    <message>
        <location filename="../../ui/screens/pack_text.py" line="+25"/>
        <source>Order {order}: scan each of its {units} items into the carton.</source>
        <translation>Pedido {order}: escanee cada uno de sus {units} artículos al meterlo en la caja.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} goes on where it was left: {units_left} items to scan.</source>
        <translation>El pedido {order} sigue donde se dejó: quedan {units_left} artículos por escanear.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{sku}: {qty} verified, {left} more of it. {units_left} items left.</source>
        <translation>{sku}: {qty} verificados, faltan {left} de este. Quedan {units_left} artículos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every item of {order} is verified. Carton: {carton}. Scan CONFIRM.</source>
        <translation>Todos los artículos de {order} están verificados. Caja: {carton}. Escanee CONFIRMAR.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantity {qty} set: scan ONE of the {qty} identical items.</source>
        <translation>Cantidad {qty} fijada: escanee UNO de los {qty} artículos iguales.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantity cleared: each scan counts one.</source>
        <translation>Cantidad borrada: cada escaneo cuenta uno.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undone: {total} of {sku} not verified. Take it out of the carton.</source>
        <translation>Deshecho: {total} de {sku} sin verificar. Sáquelo de la caja.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Package {package_no}: take carton {carton} and tap Confirm, or scan another carton.</source>
        <translation>Bulto {package_no}: tome la caja {carton} y toque Confirmar, o escanee otra caja.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Carton {carton}: put the parcel on the scale (about {expected_g} g).</source>
        <translation>Caja {carton}: ponga el bulto en la báscula (unos {expected_g} g).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back to scanning items into package {package_no}.</source>
        <translation>De vuelta a escanear artículos al bulto {package_no}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why can this order not be packed? Tap a reason, or Cancel.</source>
        <translation>¿Por qué no se puede embalar este pedido? Toque un motivo, o Cancelar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} is on hold ({reason}). Put the tote on the exceptions shelf.</source>
        <translation>El pedido {order} queda retenido ({reason}). Ponga el contenedor en la estantería de incidencias.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled. Carry on.</source>
        <translation>Cancelado. Siga.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Package {package_no} closed ({weight_g} g). Printing its labels…</source>
        <translation>Bulto {package_no} cerrado ({weight_g} g). Imprimiendo sus etiquetas…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{supervisor} accepted {weight_g} g for package {package_no}. Printing its labels…</source>
        <translation>{supervisor} aceptó {weight_g} g para el bulto {package_no}. Imprimiendo sus etiquetas…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The labels of package {package_no} did not print. Check the printer, then tap Retry.</source>
        <translation>Las etiquetas del bulto {package_no} no se imprimieron. Revise la impresora y toque Reintentar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Labels printed. Package {package_no}: scan the next items ({units_left} left).</source>
        <translation>Etiquetas impresas. Bulto {package_no}: escanee los siguientes artículos (quedan {units_left}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} is packed ({packages} packages). Tap Next order.</source>
        <translation>El pedido {order} está embalado ({packages} bultos). Toque Siguiente pedido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} done. Scan the next order.</source>
        <translation>Pedido {order} terminado. Escanee el siguiente pedido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{scanned} is not in this order: set it aside, nothing was counted.</source>
        <translation>{scanned} no es de este pedido: apártelo, no se contó nada.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{scanned} belongs to order {other}: put it back in the tote, nothing was counted.</source>
        <translation>{scanned} es del pedido {other}: devuélvalo al contenedor, no se contó nada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too many {sku}: all {verified} picked are verified. Take the extra {qty} out.</source>
        <translation>Demasiados {sku}: los {verified} preparados ya están verificados. Saque los {qty} de más.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>That is the case label of {sku}: set a quantity first, or scan one item.</source>
        <translation>Es la etiqueta de caja de {sku}: fije antes una cantidad, o escanee un solo artículo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type how many on the keypad first, then scan ONE item.</source>
        <translation>Teclee primero la cantidad en el teclado y luego escanee UN artículo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{typed} is typed: tap OK or scan the item, or clear it.</source>
        <translation>Tecleado {typed}: toque OK o escanee el artículo, o bórrelo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to undo here. Carry on.</source>
        <translation>Aquí no hay nada que deshacer. Siga.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing is in this package yet: scan items before Close package.</source>
        <translation>Este bulto aún está vacío: escanee artículos antes de Cerrar bulto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{code} is not a carton here: scan a carton&apos;s barcode or tap one.</source>
        <translation>{code} no es una caja de aquí: escanee el código de una caja o toque una.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the carton first: tap Confirm for {carton}, or scan another.</source>
        <translation>Elija antes la caja: toque Confirmar para {carton}, o escanee otra.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weigh the parcel first (about {expected_g} g), or type its weight.</source>
        <translation>Pese antes el bulto (unos {expected_g} g), o teclee su peso.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{weight_g} g is not a weight: put the parcel on the scale again.</source>
        <translation>{weight_g} g no es un peso válido: vuelva a poner el bulto en la báscula.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{weight_g} g, but it should be {expected_g} g (± {allowed_g} g). Check the contents and weigh again, or a supervisor scans their badge.</source>
        <translation>{weight_g} g, pero debería pesar {expected_g} g (± {allowed_g} g). Revise el contenido y vuelva a pesar, o que un supervisor escanee su tarjeta.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is not a supervisor: a supervisor must scan their badge.</source>
        <translation>{name} no es supervisor: un supervisor debe escanear su tarjeta.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tap why the order cannot be packed, or Cancel.</source>
        <translation>Toque por qué no se puede embalar el pedido, o Cancelar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wait for the labels of package {package_no}, or tap Retry.</source>
        <translation>Espere las etiquetas del bulto {package_no}, o toque Reintentar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{command} does nothing at this step: follow the screen.</source>
        <translation>{command} no hace nada en este paso: siga la pantalla.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That code ({code}) is not wanted here: scan an item of the order.</source>
        <translation>Ese código ({code}) no se espera aquí: escanee un artículo del pedido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That code could not be read ({code}): scan it again or type it.</source>
        <translation>No se pudo leer ese código ({code}): escanéelo otra vez o tecléelo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused by the rules ({reason}): nothing was recorded. Ask a supervisor.</source>
        <translation>Rechazado por las reglas ({reason}): no se registró nada. Avise a un supervisor.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Order {order} is packed (one package). Tap Next order.</source>
        <translation>El pedido {order} está embalado (un bulto). Toque Siguiente pedido.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every item of {order} is verified. Scan a carton&apos;s barcode.</source>
        <translation>Todos los artículos de {order} están verificados. Escanee el código de una caja.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>item missing</source>
        <translation>falta un artículo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>item damaged</source>
        <translation>artículo dañado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong item</source>
        <translation>artículo equivocado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Order {order}: packing starts.</source>
        <translation>Pedido {order}: empieza el embalaje.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} goes on where it was left.</source>
        <translation>El pedido {order} sigue donde se dejó.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} is not picked yet: it cannot be packed. Put it back for picking.</source>
        <translation>El pedido {order} aún no está preparado: no se puede embalar. Devuélvalo para preparar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} is on hold: put it on the exceptions shelf for a supervisor.</source>
        <translation>El pedido {order} está retenido: póngalo en la estantería de incidencias para un supervisor.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} was cancelled: do not pack it. Take it to the returns shelf.</source>
        <translation>El pedido {order} se canceló: no lo embale. Llévelo a la estantería de devoluciones.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} is already packed: scan the next order.</source>
        <translation>El pedido {order} ya está embalado: escanee el siguiente pedido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} is being packed at station {station}: take it there.</source>
        <translation>El pedido {order} se está embalando en el puesto {station}: lléveselo allí.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} is not known here: check the number, or wait for the next sync.</source>
        <translation>El pedido {order} no se conoce aquí: revise el número, o espere a la próxima sincronización.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>SCAN ITEMS</source>
        <translation>ESCANEAR ARTÍCULOS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WHY ON HOLD?</source>
        <translation>¿POR QUÉ SE RETIENE?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CARTON</source>
        <translation>CAJA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WEIGH</source>
        <translation>PESAR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WEIGHT OFF</source>
        <translation>PESO INCORRECTO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PRINTING</source>
        <translation>IMPRIMIENDO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DONE</source>
        <translation>HECHO</translation>
    </message>
</context>
<context>
    <name>PackScreen</name>
    <message>
        <location filename="../../ui/screens/pack.py" line="+254"/>
        <source>Scan the order&apos;s packing slip or its tote.</source>
        <translation>Escanee el albarán del pedido o su contenedor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No order is being packed: scan an order or its tote first.</source>
        <translation>No se está embalando ningún pedido: escanee antes un pedido o su contenedor.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Tote {tote} holds no order to pack: scan the order instead.</source>
        <translation>El contenedor {tote} no tiene pedido que embalar: escanee el pedido.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tote {tote} holds several orders: tap or scan the one you pack.</source>
        <translation>El contenedor {tote} tiene varios pedidos: toque o escanee el que va a embalar.</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>Quantity cancelled: each scan counts one.</source>
        <translation>Cantidad cancelada: cada escaneo cuenta uno.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Tote {tote}: looking for its orders…</source>
        <translation>Contenedor {tote}: buscando sus pedidos…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wait: the order is being opened.</source>
        <translation>Espere: se está abriendo el pedido.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>No SSCC can be issued here ({reason}): a supervisor sets the SSCC settings.</source>
        <translation>Aquí no se puede emitir un SSCC ({reason}): un supervisor configura los ajustes de SSCC.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>NOT SAVED, nothing was counted: {reason}. Do it again.</source>
        <translation>NO GUARDADO, no se contó nada: {reason}. Hágalo otra vez.</translation>
    </message>
</context>
<context>
    <name>PeopleList</name>
    <message>
        <location filename="../../ui/screens/supervisor_lists.py" line="+92"/>
        <source> and {count} more</source>
        <translation> y {count} más</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what} {order} at {time}</source>
        <translation>{what} {order} a las {time}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working on</source>
        <translation>Trabajando en</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picks/h</source>
        <translation>Líneas/h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units/h</source>
        <translation>Unidades/h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packs/h</source>
        <translation>Embalajes/h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong scans</source>
        <translation>Lecturas erróneas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rates of the last 8 hours, from the order store&apos;s events.</source>
        <translation>Ritmos de las últimas 8 horas, según los eventos del servidor de pedidos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The order store cannot be reached: the rates count only this station&apos;s work not sent yet.</source>
        <translation>No se puede contactar con el servidor de pedidos: los ritmos cuentan solo el trabajo de esta estación aún no enviado.</translation>
    </message>
</context>
<context>
    <name>PickMessages</name>
    <message>
        <location filename="../../ui/screens/pick_text.py" line="+24"/>
        <source>Bin {bin} is right. Now scan the item.</source>
        <translation>La ubicación {bin} es correcta. Ahora escanee el artículo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counted {qty}. Take {left} more.</source>
        <translation>Contados {qty}. Tome {left} más.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put {qty} of {sku} into tote {tote}, then scan the tote.</source>
        <translation>Ponga {qty} de {sku} en el contenedor {tote} y luego escanee el contenedor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantity {qty} set: take {qty} and scan ONE of them.</source>
        <translation>Cantidad {qty} fijada: tome {qty} y escanee UNO de ellos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantity cleared: each scan counts one.</source>
        <translation>Cantidad borrada: cada escaneo cuenta uno.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{missing} missing. Why? Tap Bin empty, Damaged or Not found.</source>
        <translation>Faltan {missing}. ¿Por qué? Toque Ubicación vacía, Dañado o No encontrado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Short {qty} of {sku} recorded ({reason}).</source>
        <translation>Faltante de {qty} de {sku} registrado ({reason}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skipped bin {bin}: it comes back at the end of the walk.</source>
        <translation>Ubicación {bin} saltada: vuelve al final del recorrido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undone: {total} of {sku} not counted. Put it back in bin {bin}.</source>
        <translation>Deshecho: {total} de {sku} sin contar. Devuélvalo a la ubicación {bin}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Short taken back: take {qty} of {sku} from bin {bin} after all.</source>
        <translation>Faltante retirado: tome {qty} de {sku} de la ubicación {bin} después de todo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not counted: put {qty} of {sku} back in bin {bin}.</source>
        <translation>Sin contar: devuelva {qty} de {sku} a la ubicación {bin}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled. Carry on.</source>
        <translation>Cancelado. Siga.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Carry on: {lines_left} lines left.</source>
        <translation>Siga: quedan {lines_left} líneas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} is complete.</source>
        <translation>El pedido {order} está completo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All picked ({orders} orders, {lines} lines). Take the cart to packing, then tap Next order.</source>
        <translation>Todo preparado ({orders} pedidos, {lines} líneas). Lleve el carro a embalaje y toque Siguiente pedido.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Order {order} was CANCELLED. Take tote {tote} (items in it: {items}) off the cart and put it on the cancelled-orders shelf. Then tap Set aside.</source>
        <translation>El pedido {order} se CANCELÓ. Saque del carro el contenedor {tote} (artículos dentro: {items}) y póngalo en la estantería de pedidos cancelados. Luego toque Apartar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Order {order} is ON HOLD ({reason}). Take tote {tote} (items in it: {items}) to the supervisor desk. Then tap Set aside.</source>
        <translation>El pedido {order} está RETENIDO ({reason}). Lleve el contenedor {tote} (artículos dentro: {items}) a la mesa del supervisor. Luego toque Apartar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrong bin: that is {scanned}. Go to bin {expected} and scan it.</source>
        <translation>Ubicación equivocada: esa es {scanned}. Vaya a la ubicación {expected} y escanéela.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan bin {bin} first, then the item. Nothing was counted.</source>
        <translation>Escanee primero la ubicación {bin} y luego el artículo. No se contó nada.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong item: that is {scanned}. Put it back, take {expected}. Nothing was counted.</source>
        <translation>Artículo equivocado: ese es {scanned}. Devuélvalo y tome {expected}. No se contó nada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too many: only {left} of {sku} left to take. Put the extra back. Nothing was counted.</source>
        <translation>Demasiados: solo quedan {left} de {sku} por tomar. Devuelva lo que sobra. No se contó nada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One too many: {sku} is complete ({picked} taken). Put the extra back in bin {bin}. Nothing was counted.</source>
        <translation>Uno de más: {sku} está completo ({picked} tomados). Devuelva el sobrante a la ubicación {bin}. No se contó nada.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type how many you are taking on the keypad, then scan one (or tap Cancel). Nothing was counted.</source>
        <translation>Teclee cuántos toma en el teclado y luego escanee uno (o toque Cancelar). No se contó nada.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The keypad says {typed}: scan ONE {sku} to count them, or tap Cancel. Nothing was counted.</source>
        <translation>El teclado indica {typed}: escanee UN {sku} para contarlos, o toque Cancelar. No se contó nada.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That is the CASE label of {sku}: it does not say how many are inside. Scan one item&apos;s own barcode, or set the quantity first. Nothing was counted.</source>
        <translation>Es la etiqueta de CAJA de {sku}: no dice cuántos hay dentro. Escanee el código propio de un artículo, o fije antes la cantidad. No se contó nada.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrong tote: that is {scanned}. Put the item into tote {expected} and scan it.</source>
        <translation>Contenedor equivocado: ese es {scanned}. Ponga el artículo en el contenedor {expected} y escanéelo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Put the item into tote {tote} and scan that tote first.</source>
        <translation>Ponga primero el artículo en el contenedor {tote} y escanee ese contenedor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tap why {sku} is short: Bin empty, Damaged or Not found.</source>
        <translation>Toque por qué falta {sku}: Ubicación vacía, Dañado o No encontrado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You found {found}, but only {left} are left to take: enter fewer found, or scan them as usual.</source>
        <translation>Encontró {found}, pero solo quedan {left} por tomar: indique menos encontrados, o escanéelos como siempre.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>First take tote {tote} of order {order} off the cart, then tap Set aside.</source>
        <translation>Saque primero del carro el contenedor {tote} del pedido {order} y luego toque Apartar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing to undo.</source>
        <translation>No hay nada que deshacer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order {order} is complete or stopped: its picks cannot be undone.</source>
        <translation>El pedido {order} está completo o detenido: sus recogidas no se pueden deshacer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to cancel.</source>
        <translation>No hay nada que cancelar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The {command} barcode does nothing at this step.</source>
        <translation>El código {command} no hace nada en este paso.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That barcode is not needed now. Nothing was counted.</source>
        <translation>Ese código no hace falta ahora. No se contó nada.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That barcode could not be used. Scan again. Nothing was counted.</source>
        <translation>Ese código no se pudo usar. Escanee otra vez. No se contó nada.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This pick is finished: tap Next order.</source>
        <translation>Esta preparación ha terminado: toque Siguiente pedido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+13"/>
        <source>Not counted: {reason}</source>
        <translation>Sin contar: {reason}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Undone: {total} of {sku} not counted. Take it out of tote {tote} and put it back in bin {bin}.</source>
        <translation>Deshecho: {total} de {sku} sin contar. Sáquelo del contenedor {tote} y devuélvalo a la ubicación {bin}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{qty} too many: {sku} is complete ({picked} taken). Put the extra back in bin {bin}. Nothing was counted.</source>
        <translation>{qty} de más: {sku} está completo ({picked} tomados). Devuelva el sobrante a la ubicación {bin}. No se contó nada.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Skipped bin {bin}: it comes back at the end of the walk ({skipped} lines skipped).</source>
        <translation>Ubicación {bin} saltada: vuelve al final del recorrido ({skipped} líneas saltadas).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Counted {qty}. This line is complete.</source>
        <translation>Contados {qty}. Esta línea está completa.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} was CANCELLED. Put the items you took for it (items: {items}) on the cancelled-orders shelf. Then tap Set aside.</source>
        <translation>El pedido {order} se CANCELÓ. Ponga los artículos que tomó para él (artículos: {items}) en la estantería de pedidos cancelados. Luego toque Apartar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Order {order} is ON HOLD ({reason}). Take the items you took for it (items: {items}) to the supervisor desk. Then tap Set aside.</source>
        <translation>El pedido {order} está RETENIDO ({reason}). Lleve los artículos que tomó para él (artículos: {items}) a la mesa del supervisor. Luego toque Apartar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>First set the items of order {order} aside, then tap Set aside.</source>
        <translation>Aparte primero los artículos del pedido {order} y luego toque Apartar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing is left to pick here: tap Next order.</source>
        <translation>Aquí no queda nada por preparar: toque Siguiente pedido.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order picked ({lines} lines). Take it to packing, then tap Next order.</source>
        <translation>Pedido preparado ({lines} líneas). Llévelo a embalaje y toque Siguiente pedido.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Order picked ({lines} lines), {shorts} of them SHORT: the list is on the card. Take it to packing, then tap Next order.</source>
        <translation>Pedido preparado ({lines} líneas), {shorts} con FALTANTE: la lista está en la ficha. Llévelo a embalaje y toque Siguiente pedido.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All picked ({orders} orders, {lines} lines), {shorts} of them SHORT: the list is on the card. Take it to packing, then tap Next order.</source>
        <translation>Todo preparado ({orders} pedidos, {lines} líneas), {shorts} con FALTANTE: la lista está en la ficha. Llévelo a embalaje y toque Siguiente pedido.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Order {order} is complete: tote {tote} goes to packing.</source>
        <translation>El pedido {order} está completo: el contenedor {tote} va a embalaje.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scan the {found} you found.</source>
        <translation>Escanee los {found} que encontró.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{lines} lines, none short.</source>
        <translation>{lines} líneas, ningún faltante.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>reason not known here</source>
        <translation>motivo desconocido aquí</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{qty} of {sku} ({reason})</source>
        <translation>{qty} de {sku} ({reason})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{lines} lines. SHORT: {shorts}</source>
        <translation>{lines} líneas. FALTANTES: {shorts}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>bin empty</source>
        <translation>ubicación vacía</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>damaged</source>
        <translation>dañado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not found</source>
        <translation>no encontrado</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>GO TO BIN</source>
        <translation>VAYA A LA UBICACIÓN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SCAN ITEM</source>
        <translation>ESCANEE EL ARTÍCULO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PUT IN TOTE</source>
        <translation>AL CONTENEDOR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WHY SHORT?</source>
        <translation>¿POR QUÉ FALTA?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SET TOTE ASIDE</source>
        <translation>APARTE EL CONTENEDOR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ALL PICKED</source>
        <translation>TODO PREPARADO</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ORDER PICKED</source>
        <translation>PEDIDO PREPARADO</translation>
    </message>
</context>
<context>
    <name>PickScreen</name>
    <message>
        <location filename="../../ui/screens/pick.py" line="+195"/>
        <source>Wait: asking the order store for work.</source>
        <translation>Espere: pidiendo trabajo al servidor de pedidos.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Finish the short first: tap why it is short, or Cancel.</source>
        <translation>Termine antes el faltante: toque por qué falta, o Cancelar.</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Getting your work…</source>
        <translation>Buscando su trabajo…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No pick running: tap Next order, or scan totes for a cart.</source>
        <translation>No hay preparación en curso: toque Siguiente pedido, o escanee contenedores para un carro.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Quantity cancelled: each scan counts one.</source>
        <translation>Cantidad cancelada: cada escaneo cuenta uno.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>NOT SAVED, nothing was counted: {reason}. Do it again.</source>
        <translation>NO GUARDADO, no se contó nada: {reason}. Hágalo otra vez.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Looking for your open pick…</source>
        <translation>Buscando su preparación abierta…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asking the order store for work…</source>
        <translation>Pidiendo trabajo al servidor de pedidos…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not get work: {reason}. Try again; if it keeps happening, ask a supervisor.</source>
        <translation>No se pudo obtener trabajo: {reason}. Inténtelo de nuevo; si sigue pasando, avise a un supervisor.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not close the pick: {0}</source>
        <translation>No se pudo cerrar la preparación: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pick_words.py" line="+46"/>
        <source>Order {order} was just taken by another station.</source>
        <translation>Otro puesto acaba de tomar el pedido {order}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} was cancelled before your claim arrived.</source>
        <translation>El pedido {order} se canceló antes de que llegara su asignación.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} was put on hold before your claim arrived.</source>
        <translation>El pedido {order} quedó retenido antes de que llegara su asignación.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} is being picked at station {station} now.</source>
        <translation>El pedido {order} se está preparando ahora en el puesto {station}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} left your pick: it is {status} now.</source>
        <translation>El pedido {order} salió de su preparación: ahora está {status}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} is no longer on this station.</source>
        <translation>El pedido {order} ya no está en este puesto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order {order} could not be claimed ({reason}).</source>
        <translation>No se pudo asignar el pedido {order} ({reason}).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Tote {tote} stays empty.</source>
        <translation>El contenedor {tote} queda vacío.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+10"/>
        <source>no answer</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>this station is not connected to an order store</source>
        <translation>este puesto no está conectado a un servidor de pedidos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the order store did not answer in time</source>
        <translation>el servidor de pedidos no respondió a tiempo</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the station database could not save it</source>
        <translation>la base de datos del puesto no pudo guardarlo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tote {tote} is retired: take another.</source>
        <translation>El contenedor {tote} está retirado: tome otro.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tote {tote} is already on the cart.</source>
        <translation>El contenedor {tote} ya está en el carro.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The cart is full ({n} totes): tap Start.</source>
        <translation>El carro está lleno ({n} contenedores): toque Empezar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tote {tote} still holds order {order}, which is being picked: take an empty tote.</source>
        <translation>El contenedor {tote} aún tiene el pedido {order}, que se está preparando: tome un contenedor vacío.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tote {tote} is on the cart ({n} of {max}).</source>
        <translation>El contenedor {tote} está en el carro ({n} de {max}).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your pick goes on where you left it.</source>
        <translation>Su preparación sigue donde la dejó.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The order store has not confirmed order {orders} yet ({problem}). Picking starts as soon as it does; this screen checks again by itself.</source>
        <translation>El servidor de pedidos aún no ha confirmado el pedido {orders} ({problem}). La preparación empieza en cuanto lo haga; esta pantalla lo vuelve a comprobar sola.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No orders are waiting to be picked. Check again in a moment.</source>
        <translation>No hay pedidos esperando preparación. Vuelva a mirar en un momento.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Go to bin {bin}.</source>
        <translation>Vaya a la ubicación {bin}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bin {bin}: scan the item.</source>
        <translation>Ubicación {bin}: escanee el artículo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scan tote {tote}.</source>
        <translation>Escanee el contenedor {tote}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Everything is picked: tap Next order.</source>
        <translation>Todo está preparado: toque Siguiente pedido.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>tote {tote} still holds order {order}</source>
        <translation>el contenedor {tote} aún tiene el pedido {order}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the same tote is on the cart twice</source>
        <translation>el mismo contenedor está dos veces en el carro</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the station database could not answer</source>
        <translation>la base de datos del puesto no pudo responder</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <location filename="../../ui/screens/supervisor_pages.py" line="-89"/>
        <source>{name}, type your supervisor PIN to act on orders.</source>
        <translation>{name}, escriba su PIN de supervisor para actuar sobre los pedidos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Borrar todo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>PrintErrors</name>
    <message>
        <location filename="../../app/printing/errors.py" line="+53"/>
        <source>Printer {printer} ({address}) refused the connection. Check that it is switched on and online (not paused, no error light); the label is kept and printed when it answers.</source>
        <translation>La impresora {printer} ({address}) rechazó la conexión. Compruebe que está encendida y en línea (sin pausa, sin luz de error); la etiqueta se guarda y se imprime cuando responda.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Printer {printer} ({address}) cannot be reached on the network. Check its cable or Wi-Fi and its address in Settings; the label is kept and printed when it answers.</source>
        <translation>No se llega a la impresora {printer} ({address}) por la red. Revise su cable o wifi y su dirección en Ajustes; la etiqueta se guarda y se imprime cuando responda.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printer {printer} ({address}) did not answer within {seconds} s. Check that it is switched on and connected; the label is kept and printed when it answers.</source>
        <translation>La impresora {printer} ({address}) no respondió en {seconds} s. Compruebe que está encendida y conectada; la etiqueta se guarda y se imprime cuando responda.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printer {printer}: the address {address} is not known on this network. Check the printer&apos;s address in Settings.</source>
        <translation>Impresora {printer}: la dirección {address} no se conoce en esta red. Revise la dirección de la impresora en Ajustes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printer {printer} ({address}) stopped taking the label part-way ({detail}). Check for an open head, no labels or a paper jam, then retry.</source>
        <translation>La impresora {printer} ({address}) dejó de recibir la etiqueta a medias ({detail}). Busque un cabezal abierto, falta de etiquetas o un atasco y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printer {printer}: the print queue {queue} does not exist on {server}. Check the queue name in Settings.</source>
        <translation>Impresora {printer}: la cola de impresión {queue} no existe en {server}. Revise el nombre de la cola en Ajustes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printer {printer}: the print queue {queue} is not accepting jobs. Ask an admin to enable it; the label is kept and printed when it accepts jobs again.</source>
        <translation>Impresora {printer}: la cola de impresión {queue} no acepta trabajos. Pida a un administrador que la active; la etiqueta se guarda y se imprime cuando vuelva a aceptar trabajos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printer {printer}: the print service {server} is not answering. Check that CUPS is running; the label is kept and printed when it answers.</source>
        <translation>Impresora {printer}: el servicio de impresión {server} no responde. Compruebe que CUPS está en marcha; la etiqueta se guarda y se imprime cuando responda.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printer {printer}: this computer has no print service command ({command}). Install the CUPS client tools.</source>
        <translation>Impresora {printer}: este equipo no tiene el comando del servicio de impresión ({command}). Instale las herramientas cliente de CUPS.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printer {printer}: the print service said: {detail}</source>
        <translation>Impresora {printer}: el servicio de impresión dijo: {detail}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printer {printer}: cannot write the label to {path} ({detail}).</source>
        <translation>Impresora {printer}: no se puede escribir la etiqueta en {path} ({detail}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printer {printer} takes {accepts} labels, not {format}. Check the printer&apos;s type in Settings.</source>
        <translation>La impresora {printer} admite etiquetas {accepts}, no {format}. Revise el tipo de impresora en Ajustes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No printer is set up for {label} labels. Choose one in Settings &gt; Printers.</source>
        <translation>No hay impresora configurada para las etiquetas de {label}. Elija una en Ajustes &gt; Impresoras.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printer {printer} prints on labels, not on sheets of paper: {document} is a page ({width:g} x {height:g} mm) and was not sent. Send it to a printer with A4 or Letter paper (Settings &gt; Printers).</source>
        <translation>La impresora {printer} imprime en etiquetas, no en hojas de papel: {document} es una página ({width:g} x {height:g} mm) y no se envió. Envíela a una impresora con papel A4 o Carta (Ajustes &gt; Impresoras).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The station stopped while this label was being sent to {printer}. It may or may not have printed: check the printer, then retry or reprint.</source>
        <translation>El puesto se detuvo mientras esta etiqueta se enviaba a {printer}. Puede que se haya impreso o no: revise la impresora y luego reintente o reimprima.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no label template named {name}.</source>
        <translation>No hay ninguna plantilla de etiqueta llamada {name}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Label template {name} is broken: {detail}</source>
        <translation>La plantilla de etiqueta {name} está rota: {detail}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Label {name} needs {what}.</source>
        <translation>La etiqueta {name} necesita {what}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order {code} is not on this station.</source>
        <translation>El pedido {code} no está en este puesto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{kind} {code} is not known at this station.</source>
        <translation>{kind} {code} no se conoce en este puesto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled at the station.</source>
        <translation>Cancelado en el puesto.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label {name}: {what} does not fit its place on the label at {dpi} dpi. Adjust the template.</source>
        <translation>Etiqueta {name}: {what} no cabe en su sitio de la etiqueta a {dpi} ppp. Ajuste la plantilla.</translation>
    </message>
</context>
<context>
    <name>PrintJobList</name>
    <message>
        <location filename="../../ui/widgets/print_job_list.py" line="+87"/>
        <source>Failed, trying again</source>
        <translation>Falló, se reintentará</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing</source>
        <translation>Imprimiendo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed</source>
        <translation>Impreso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{state}: {title}</source>
        <translation>{state}: {title}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on printer {printer} at {time}</source>
        <translation>en la impresora {printer} a las {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (reprint)</source>
        <translation> (reimpresión)</translation>
    </message>
</context>
<context>
    <name>QtyPanel</name>
    <message>
        <location filename="../../ui/screens/pick_panels.py" line="+114"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many are you taking? Type it, then scan ONE of them (OK is not needed). {left} left.</source>
        <translation>¿Cuántos toma? Teclee la cantidad y luego escanee UNO de ellos (no hace falta OK). Quedan {left}.</translation>
    </message>
</context>
<context>
    <name>RejectCodes</name>
    <message>
        <location filename="../../ui/reject_text.py" line="+19"/>
        <source>the order store refused it</source>
        <translation>el servidor de pedidos lo rechazó</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the order is not known</source>
        <translation>el pedido no se conoce</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the user is not known or not active</source>
        <translation>el usuario no se conoce o no está activo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the order has no such line</source>
        <translation>el pedido no tiene esa línea</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the user&apos;s role may not do this</source>
        <translation>el rol del usuario no permite hacerlo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the order is cancelled</source>
        <translation>el pedido está cancelado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the order is on hold</source>
        <translation>el pedido está retenido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the order has moved on to another step</source>
        <translation>el pedido ya pasó a otro paso</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>another station has the order</source>
        <translation>otro puesto tiene el pedido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more than the line still needs</source>
        <translation>más de lo que la línea aún necesita</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more short than the line still needs</source>
        <translation>más faltante de lo que la línea aún necesita</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more taken back than was picked</source>
        <translation>se deshizo más de lo que se preparó</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more short taken back than was short</source>
        <translation>se deshizo más faltante del que había</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more packed than was picked</source>
        <translation>más embalado que preparado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more taken out than the package holds</source>
        <translation>se sacó más de lo que contiene el bulto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the package is empty</source>
        <translation>el bulto está vacío</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the packages are out of order</source>
        <translation>los bultos no están en orden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the SSCC is not valid</source>
        <translation>el SSCC no es válido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the order is not complete</source>
        <translation>el pedido no está completo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a supervisor&apos;s PIN was missing or wrong</source>
        <translation>faltaba el PIN del supervisor o era incorrecto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the supervisor is locked out after wrong PINs</source>
        <translation>el supervisor está bloqueado tras varios PIN incorrectos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the order is kept for another picker</source>
        <translation>el pedido está reservado para otro preparador</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the picker is not known</source>
        <translation>el preparador no se conoce</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the claim changed meanwhile</source>
        <translation>la asignación cambió mientras tanto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the order has no labels to print again</source>
        <translation>el pedido no tiene etiquetas que reimprimir</translation>
    </message>
</context>
<context>
    <name>RejectedPanel</name>
    <message>
        <location filename="../../ui/widgets/rejected_panel.py" line="+113"/>
        <source>The store did not apply these. A supervisor must check each order.</source>
        <translation>El servidor no aplicó estos eventos. Un supervisor debe revisar cada pedido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why the store refused it</source>
        <translation>Por qué lo rechazó el servidor</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Could not read the refused events: {reason}</source>
        <translation>No se pudieron leer los eventos rechazados: {reason}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>1 event refused by the order store</source>
        <translation>1 evento rechazado por el servidor de pedidos</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n events refused by the order store</source>
        <translation>
            <numerusform>%n evento rechazado por el servidor de pedidos</numerusform>
            <numerusform>%n eventos rechazados por el servidor de pedidos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The store does not know this order.</source>
        <translation>El servidor no conoce este pedido.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The store does not know this user, or they are disabled.</source>
        <translation>El servidor no conoce a este usuario, o está desactivado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order has no such line.</source>
        <translation>El pedido no tiene esa línea.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This user may not do that.</source>
        <translation>Este usuario no puede hacer eso.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The shop cancelled the order.</source>
        <translation>La tienda canceló el pedido.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order is on hold.</source>
        <translation>El pedido está retenido.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order was no longer at that step.</source>
        <translation>El pedido ya no estaba en ese paso.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another station is working on the order.</source>
        <translation>Otro puesto está trabajando en el pedido.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More was picked than the line asks for.</source>
        <translation>Se preparó más de lo que pide la línea.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More was reported short than is left to pick.</source>
        <translation>Se indicó más faltante del que queda por preparar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More was undone than had been picked.</source>
        <translation>Se deshizo más de lo que se había preparado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More short was taken back than was reported.</source>
        <translation>Se retiró más faltante del que se había indicado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More was packed than was picked.</source>
        <translation>Se embaló más de lo que se preparó.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More was taken out than the package holds.</source>
        <translation>Se sacó más de lo que contiene el bulto.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The package was closed empty.</source>
        <translation>El bulto se cerró vacío.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not the package being filled.</source>
        <translation>No es el bulto que se está llenando.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The package&apos;s SSCC is wrong or already used.</source>
        <translation>El SSCC del bulto es incorrecto o ya está usado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not every picked item is in a closed package.</source>
        <translation>No todos los artículos preparados están en un bulto cerrado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A supervisor&apos;s action without the right PIN: do it again with the PIN.</source>
        <translation>Acción de supervisor sin el PIN correcto: hágala de nuevo con el PIN.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Too many wrong PINs: the supervisor is locked out for a few minutes.</source>
        <translation>Demasiados PIN incorrectos: el supervisor queda bloqueado unos minutos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order is kept for another picker.</source>
        <translation>El pedido está reservado para otro preparador.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The store does not know that picker.</source>
        <translation>El almacén no conoce a ese preparador.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The claim changed before the supervisor acted.</source>
        <translation>La asignación cambió antes de que actuara el supervisor.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order has no labels to print again.</source>
        <translation>El pedido no tiene etiquetas que reimprimir.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>The store could not read this event.</source>
        <translation>El servidor no pudo leer este evento.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The event names another station.</source>
        <translation>El evento indica otro puesto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The store refused it (code {code}).</source>
        <translation>El servidor lo rechazó (código {code}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Order claimed</source>
        <translation>Pedido asignado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order released</source>
        <translation>Pedido liberado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item picked</source>
        <translation>Artículo preparado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick undone</source>
        <translation>Preparación deshecha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short pick</source>
        <translation>Faltante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short taken back</source>
        <translation>Faltante retirado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picking finished</source>
        <translation>Preparación terminada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packing started</source>
        <translation>Embalaje empezado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item packed</source>
        <translation>Artículo embalado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packing undone</source>
        <translation>Embalaje deshecho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Package closed</source>
        <translation>Bulto cerrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held at packing</source>
        <translation>Retenido en embalaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packing finished</source>
        <translation>Embalaje terminado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order shipped</source>
        <translation>Pedido enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order put on hold</source>
        <translation>Pedido retenido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold lifted</source>
        <translation>Retención levantada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority changed</source>
        <translation>Prioridad cambiada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picker assigned</source>
        <translation>Preparador asignado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picker unassigned</source>
        <translation>Preparador desasignado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim cancelled</source>
        <translation>Asignación cancelada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels to print again</source>
        <translation>Etiquetas para reimprimir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong scan</source>
        <translation>Lectura errónea</translation>
    </message>
</context>
<context>
    <name>ScanMessages</name>
    <message>
        <location filename="../../app/barcodes/messages.py" line="-115"/>
        <source>Set-up code of station {code}: it sets up a new station, not one in use.</source>
        <translation>Código de configuración de la estación {code}: sirve para configurar una estación nueva, no una en uso.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This set-up code was made by a newer scanpack. Update this station, or print the code again with this version.</source>
        <translation>Este código de configuración se creó con un scanpack más reciente. Actualice esta estación, o vuelva a imprimir el código con esta versión.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This set-up code is damaged or incomplete. Print it again.</source>
        <translation>Este código de configuración está dañado o incompleto. Imprímalo de nuevo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bin {code}.</source>
        <translation>Ubicación {code}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tote {code}.</source>
        <translation>Contenedor {code}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order {code} ({status}).</source>
        <translation>Pedido {code} ({status}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hello {name}.</source>
        <translation>Hola, {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} ({sku}){quantity}.</source>
        <translation>{name} ({sku}){quantity}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{command}.</source>
        <translation>{command}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bin {code} is switched off. Ask a supervisor.</source>
        <translation>La ubicación {code} está desactivada. Avise a un supervisor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tote {code} is retired. Take another tote.</source>
        <translation>El contenedor {code} está retirado. Tome otro contenedor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Badge {code} is disabled. Ask a supervisor.</source>
        <translation>La tarjeta {code} está desactivada. Avise a un supervisor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown barcode {code}: not a product, bin, tote or order at this station. Check the label or type the code.</source>
        <translation>Código desconocido {code}: no es un producto, ubicación, contenedor ni pedido de este puesto. Revise la etiqueta o teclee el código.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown product {code}: not in this station&apos;s catalogue. Check the label, or type the SKU.</source>
        <translation>Producto desconocido {code}: no está en el catálogo de este puesto. Revise la etiqueta, o teclee el SKU.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown bin {code}: not on this station&apos;s pick path. Check the label.</source>
        <translation>Ubicación desconocida {code}: no está en el recorrido de este puesto. Revise la etiqueta.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown tote {code}. Take another tote, or ask a supervisor.</source>
        <translation>Contenedor desconocido {code}. Tome otro contenedor, o avise a un supervisor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown order {code}: not on this station. Check the number; new orders arrive with the next sync.</source>
        <translation>Pedido desconocido {code}: no está en este puesto. Revise el número; los pedidos nuevos llegan con la próxima sincronización.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown badge {code}. Ask a supervisor to set it up.</source>
        <translation>Tarjeta desconocida {code}. Pida a un supervisor que la dé de alta.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pallet or parcel label {code}: not used at this station. Scan the item or the order instead.</source>
        <translation>Etiqueta de palé o bulto {code}: no se usa en este puesto. Escanee el artículo o el pedido.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The scan was empty. Scan again.</source>
        <translation>El escaneo llegó vacío. Escanee otra vez.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That barcode is too long to be a code here (over {limit} characters). Scan the right barcode.</source>
        <translation>Ese código es demasiado largo para ser un código de aquí (más de {limit} caracteres). Escanee el código correcto.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Barcode {code} holds characters that no code here has. Check the scanner&apos;s settings, or type the code.</source>
        <translation>El código {code} tiene caracteres que no tiene ningún código de aquí. Revise los ajustes del escáner, o teclee el código.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Barcode {code} was misread (its check digit is wrong). Scan again or type the code.</source>
        <translation>El código {code} se leyó mal (su dígito de control es incorrecto). Escanee otra vez o teclee el código.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Barcode {code} is not a valid EAN or UPC. Scan again or type the code.</source>
        <translation>El código {code} no es un EAN ni un UPC válido. Escanee otra vez o teclee el código.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GS1 barcode {code} cannot be read. Check the label, or scan another barcode on it.</source>
        <translation>El código GS1 {code} no se puede leer. Revise la etiqueta, o escanee otro código de ella.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Command {code} is not one this app knows. Use the command sheet.</source>
        <translation>La orden {code} no es una que esta aplicación conozca. Use la hoja de órdenes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantity command {code}: the quantity must be 1 to 9999.</source>
        <translation>Orden de cantidad {code}: la cantidad debe ser de 1 a 9999.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The scan was cut off before its end. Scan again.</source>
        <translation>El escaneo se cortó antes de terminar. Escanee otra vez.</translation>
    </message>
</context>
<context>
    <name>ScanPipeline</name>
    <message>
        <location filename="../../ui/scanner/pipeline.py" line="+91"/>
        <source>Could not look up {code}: {reason}. Scan again; if this keeps happening, ask a supervisor.</source>
        <translation>No se pudo buscar {code}: {reason}. Escanee otra vez; si sigue pasando, avise a un supervisor.</translation>
    </message>
</context>
<context>
    <name>SerialLineReader</name>
    <message>
        <location filename="../../ui/serial_lines.py" line="+275"/>
        <source>Trying again every {seconds} s.</source>
        <translation>Se reintenta cada {seconds} s.</translation>
    </message>
</context>
<context>
    <name>SerialScale</name>
    <message>
        <location filename="../../ui/scale.py" line="+139"/>
        <source>Scale on {port}: ready.</source>
        <translation>Báscula en {port}: lista.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scale on {port} cannot be opened: {reason}.</source>
        <translation>La báscula en {port} no se puede abrir: {reason}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scale on {port} was disconnected: {reason}.</source>
        <translation>La báscula en {port} se desconectó: {reason}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scale on {port} has sent no weight for {seconds} s: check that it is on and set to continuous output.</source>
        <translation>La báscula en {port} no ha enviado ningún peso en {seconds} s: compruebe que está encendida y en salida continua.</translation>
    </message>
</context>
<context>
    <name>SerialScanner</name>
    <message>
        <location filename="../../ui/scanner/serial.py" line="+106"/>
        <source>Serial scanner on {port}: ready.</source>
        <translation>Escáner serie en {port}: listo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serial scanner on {port} cannot be opened: {reason}.</source>
        <translation>El escáner serie en {port} no se puede abrir: {reason}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Serial scanner on {port} was disconnected: {reason}.</source>
        <translation>El escáner serie en {port} se desconectó: {reason}.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="+68"/>
        <source>Order store URL</source>
        <translation>URL del servidor de pedidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station name</source>
        <translation>Nombre del puesto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station token</source>
        <translation>Token del puesto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA bundle (PEM file, empty = system CAs)</source>
        <translation>Paquete de CA (archivo PEM, vacío = CA del sistema)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station language (a person&apos;s own at log-in)</source>
        <translation>Idioma del puesto (el de cada persona al iniciar sesión)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync every (s)</source>
        <translation>Sincronizar cada (s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network timeout (s)</source>
        <translation>Tiempo de espera de red (s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log out after idle (s)</source>
        <translation>Cerrar sesión tras inactividad (s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick cart: most totes</source>
        <translation>Carro de preparación: máx. contenedores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor: a station is silent after (min)</source>
        <translation>Supervisor: una estación está callada tras (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner: max gap between keys (ms)</source>
        <translation>Escáner: pausa máx. entre teclas (ms)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner: shortest code</source>
        <translation>Escáner: código más corto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner: prefix</source>
        <translation>Escáner: prefijo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner: suffix</source>
        <translation>Escáner: sufijo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner: stand-in for GS (FNC1)</source>
        <translation>Escáner: sustituto de GS (FNC1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: Short</source>
        <translation>Tecla: Faltante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: Skip</source>
        <translation>Tecla: Saltar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: Undo</source>
        <translation>Tecla: Deshacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: Quantity</source>
        <translation>Tecla: Cantidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: Next</source>
        <translation>Tecla: Siguiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key: Confirm</source>
        <translation>Tecla: Confirmar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial scanner: port (empty = none)</source>
        <translation>Escáner serie: puerto (vacío = ninguno)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial scanner: baud rate</source>
        <translation>Escáner serie: baudios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial scanner: end of code (CR, LF, CRLF, TAB)</source>
        <translation>Escáner serie: fin de código (CR, LF, CRLF, TAB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale: port (empty = none)</source>
        <translation>Báscula: puerto (vacío = ninguno)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale: baud rate</source>
        <translation>Báscula: baudios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale: steady within (g)</source>
        <translation>Báscula: estable dentro de (g)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale: steady for (ms)</source>
        <translation>Báscula: estable durante (ms)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSCC: GS1 company prefix (7-10 digits)</source>
        <translation>SSCC: prefijo de empresa GS1 (7-10 dígitos)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSCC: extension digit</source>
        <translation>SSCC: dígito de extensión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSCC: station number (1-999, one per station)</source>
        <translation>SSCC: número de puesto (1-999, uno por puesto)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codes: bin pattern</source>
        <translation>Códigos: patrón de ubicación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codes: tote pattern</source>
        <translation>Códigos: patrón de contenedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codes: order pattern</source>
        <translation>Códigos: patrón de pedido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codes: badge pattern</source>
        <translation>Códigos: patrón de tarjeta</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+151"/>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <location line="-151"/>
        <location line="+151"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+138"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location line="-138"/>
        <location line="+138"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Not saved. Please fix:</source>
        <translation>No se guardó. Corrija:</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Saving the settings…</source>
        <translation>Guardando los ajustes…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Settings saved.</source>
        <translation>Ajustes guardados.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not save settings: {reason}</source>
        <translation>No se pudieron guardar los ajustes: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not save settings.</source>
        <translation>No se pudieron guardar los ajustes.</translation>
    </message>
</context>
<context>
    <name>SettingsWords</name>
    <message>
        <location filename="../../ui/screens/settings_text.py" line="+42"/>
        <source>a bracket or parenthesis is not closed</source>
        <translation>un corchete o paréntesis no está cerrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a parenthesis is closed that was never opened</source>
        <translation>se cierra un paréntesis que nunca se abrió</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a *, + or ? has nothing before it to repeat</source>
        <translation>un *, + o ? no tiene nada delante que repetir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a backslash is followed by a letter that means nothing</source>
        <translation>una barra invertida va seguida de una letra que no significa nada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a range runs backwards, like z-a or {2,1}</source>
        <translation>un rango va al revés, como z-a o {2,1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>check it with the site&apos;s admin</source>
        <translation>revíselo con el administrador del sitio</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{title} must look like https://host:port (http or https).</source>
        <translation>{title} debe tener la forma https://host:puerto (http o https).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title} must be at most 64 printable characters.</source>
        <translation>{title} debe tener como mucho 64 caracteres imprimibles.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title} is needed to talk to the order store.</source>
        <translation>{title} hace falta para hablar con el servidor de pedidos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title}: the file {path} does not exist.</source>
        <translation>{title}: el archivo {path} no existe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title} cannot contain spaces.</source>
        <translation>{title} no puede contener espacios.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title} must be a language code such as en or es.</source>
        <translation>{title} debe ser un código de idioma como en o es.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title} must be CR, LF, CRLF, TAB or 1-16 characters.</source>
        <translation>{title} debe ser CR, LF, CRLF, TAB o de 1 a 16 caracteres.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title}: 7 to 10 digits, as GS1 gave them to you (or empty).</source>
        <translation>{title}: de 7 a 10 dígitos, como se los dio GS1 (o vacío).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title} is not a valid pattern ({fault}).</source>
        <translation>{title} no es un patrón válido ({fault}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title} must be between {low} and {high}.</source>
        <translation>{title} debe estar entre {low} y {high}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{title}: {key} types a character, as a scanner does; choose a key such as F1 or a handheld&apos;s side key.</source>
        <translation>{title}: {key} escribe un carácter, como hace un escáner; elija una tecla como F1 o una tecla lateral del terminal.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{title}: {key} is already the key of another action.</source>
        <translation>{title}: {key} ya es la tecla de otra acción.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>that is bin {code}.</source>
        <translation>es la ubicación {code}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>that is tote {code}.</source>
        <translation>es el contenedor {code}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>that is order {code}.</source>
        <translation>es el pedido {code}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>that is a product: {name} ({sku}).</source>
        <translation>es un producto: {name} ({sku}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>that is the badge of {name}.</source>
        <translation>es la tarjeta de {name}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>that is the command {command}.</source>
        <translation>es la orden {command}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an unknown barcode (not a product, bin, tote, order or badge here).</source>
        <translation>un código desconocido (no es un producto, ubicación, contenedor, pedido ni tarjeta de aquí).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scanner test: read “{code}”: {what}</source>
        <translation>Prueba de escáner: leído «{code}»: {what}</translation>
    </message>
</context>
<context>
    <name>ShortPanel</name>
    <message>
        <location filename="../../ui/screens/pick_panels.py" line="+60"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{sku}: {left} left to take. How many CAN you take? (0 if none) Then tap why.</source>
        <translation>{sku}: quedan {left} por tomar. ¿Cuántos PUEDE tomar? (0 si ninguno) Luego toque el motivo.</translation>
    </message>
</context>
<context>
    <name>StartView</name>
    <message>
        <location filename="../../ui/screens/pack_views.py" line="+93"/>
        <source>Ready to pack</source>
        <translation>Listo para embalar</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/screens/pick_start.py" line="+63"/>
        <source>Type a code</source>
        <translation>Teclear código</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/screens/pick_start.py" line="+1"/>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tote {tote} holds {n} orders: tap the one you pack, or scan it.</source>
        <translation>El contenedor {tote} tiene {n} pedidos: toque el que va a embalar, o escanéelo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scan the order&apos;s packing slip or its tote (or tap Type a code). Every item is then scanned into the carton.</source>
        <translation>Escanee el albarán del pedido o su contenedor (o toque Teclear código). Después cada artículo se escanea al meterlo en la caja.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pick_start.py" line="-10"/>
        <source>Ready to pick</source>
        <translation>Listo para preparar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tap Next order (or scan the NEXT barcode) for the most urgent order, or take a cart and pick several orders at once, one tote each.</source>
        <translation>Toque Siguiente pedido (o escanee el código SIGUIENTE) para el pedido más urgente, o tome un carro y prepare varios pedidos a la vez, un contenedor cada uno.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next order</source>
        <translation>Siguiente pedido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch on a cart</source>
        <translation>Lote en carro</translation>
    </message>
</context>
<context>
    <name>StatusTiles</name>
    <message>
        <location filename="../../ui/screens/supervisor_panels.py" line="-110"/>
        <source>{count}
late</source>
        <translation>{count}
atrasados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count}
due in 1 h</source>
        <translation>{count}
vencen en 1 h</translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <location filename="../../ui/screens/supervisor_reads.py" line="+363"/>
        <source>{count} short</source>
        <translation>{count} faltantes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{station} has not synced since {time}</source>
        <translation>{station} no sincroniza desde las {time}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{person} asked; this station never printed this order</source>
        <translation>Lo pidió {person}; esta estación nunca imprimió este pedido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{person} asked; this station cannot do that request</source>
        <translation>Lo pidió {person}; esta estación no puede atender esa petición</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>label printed: {label}</source>
        <translation>etiqueta impresa: {label}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{what} (refused: {why})</source>
        <translation>{what} (rechazado: {why})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor_text.py" line="+28"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Avance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ship by</source>
        <translation>Enviar antes de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carrier</source>
        <translation>Transportista</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>low</source>
        <translation>baja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>urgent</source>
        <translation>urgente</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{time} · {late} late</source>
        <translation>{time} · {late} de retraso</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{time} · in {left}</source>
        <translation>{time} · en {left}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>On hold</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short</source>
        <translation>Faltante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused by the store</source>
        <translation>Rechazado por el servidor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station silent</source>
        <translation>Estación callada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print failed</source>
        <translation>Impresión fallida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reprint not possible</source>
        <translation>Reimpresión imposible</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>customer asked to wait</source>
        <translation>el cliente pidió esperar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address to check</source>
        <translation>dirección por revisar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stock to check</source>
        <translation>existencias por revisar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>payment to check</source>
        <translation>pago por revisar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only a supervisor can do this. Ask a supervisor to log in.</source>
        <translation>Solo un supervisor puede hacer esto. Pida a un supervisor que inicie sesión.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You have no PIN yet. Ask the store&apos;s administrator to set one.</source>
        <translation>Aún no tiene PIN. Pida al administrador del servidor que le asigne uno.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A PIN is 4 to 12 digits. Type it again.</source>
        <translation>El PIN tiene de 4 a 12 dígitos. Escríbalo de nuevo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The order store cannot be reached to check your PIN. Try again when it is online.</source>
        <translation>No se puede contactar con el servidor de pedidos para comprobar su PIN. Inténtelo de nuevo cuando esté en línea.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>started picking</source>
        <translation>empezó a preparar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>handed back</source>
        <translation>devuelto a la cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>picked</source>
        <translation>preparado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pick undone</source>
        <translation>preparación deshecha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reported short</source>
        <translation>faltante informado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>short undone</source>
        <translation>faltante deshecho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>picking finished</source>
        <translation>preparación terminada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>started packing</source>
        <translation>empezó a embalar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packed an item</source>
        <translation>embaló un artículo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>took an item out</source>
        <translation>sacó un artículo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed a package</source>
        <translation>cerró un bulto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held at packing</source>
        <translation>retenido en embalaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packing finished</source>
        <translation>embalaje terminado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shipped</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held</source>
        <translation>retenido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hold released</source>
        <translation>retención liberada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>priority changed</source>
        <translation>prioridad cambiada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>picker assigned</source>
        <translation>preparador asignado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>picker unassigned</source>
        <translation>preparador desasignado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>claim cancelled</source>
        <translation>reserva cancelada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reprint asked</source>
        <translation>reimpresión pedida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong scan</source>
        <translation>lectura errónea</translation>
    </message>
</context>
<context>
    <name>SupervisorScreen</name>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="+295"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a code</source>
        <translation>Escribir un código</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign picker</source>
        <translation>Asignar preparador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unassign</source>
        <translation>Desasignar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold</source>
        <translation>Retener</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release hold</source>
        <translation>Liberar retención</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand back</source>
        <translation>Devolver a la cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel claim</source>
        <translation>Cancelar reserva</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reprint labels</source>
        <translation>Reimprimir etiquetas</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Exceptions ({count})</source>
        <translation>Incidencias ({count})</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>The queue could not be read just now; it tries again.</source>
        <translation>No se pudo leer la cola ahora; se vuelve a intentar.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Looking for {code}.</source>
        <translation>Buscando {code}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exporting the orders shown…</source>
        <translation>Exportando los pedidos mostrados…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The export could not be written. Check the disk and try again.</source>
        <translation>No se pudo escribir la exportación. Revise el disco e inténtelo de nuevo.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Exported %n orders to {file}.</source>
        <translation>
            <numerusform>%n pedido exportado a {file}.</numerusform>
            <numerusform>%n pedidos exportados a {file}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor_acting.py" line="+92"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>New priority for {order}?</source>
        <translation>¿Nueva prioridad para {order}?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep {order} for which picker?</source>
        <translation>¿Para qué preparador se reserva {order}?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Why hold {order}?</source>
        <translation>¿Por qué se retiene {order}?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reprint the labels of {order} at which station?</source>
        <translation>¿En qué estación se reimprimen las etiquetas de {order}?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Done. The order store confirms it with the next sync.</source>
        <translation>Hecho. El servidor de pedidos lo confirma en la próxima sincronización.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not done: {why}.</source>
        <translation>No se hizo: {why}.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../ui/widgets/sync_status.py" line="+127"/>
        <location line="+23"/>
        <source>Sound off</source>
        <translation>Sonido apagado</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>All events sent</source>
        <translation>Todos los eventos enviados</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 event waiting to send</source>
        <translation>1 evento pendiente de envío</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n events waiting to send</source>
        <translation>
            <numerusform>%n evento pendiente de envío</numerusform>
            <numerusform>%n eventos pendientes de envío</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n refused by the store</source>
        <translation>
            <numerusform>%n rechazado por el servidor</numerusform>
            <numerusform>%n rechazados por el servidor</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station token refused</source>
        <translation>Token del puesto rechazado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not configured</source>
        <translation>Sin configurar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>retrying in {seconds} s</source>
        <translation>reintento en {seconds} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retrying now</source>
        <translation>reintentando ahora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{retry} — {problem}</source>
        <translation>{retry} — {problem}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ask a site admin for a new token.</source>
        <translation>Pida un token nuevo a un administrador del sitio.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask a site admin to set up the order store.</source>
        <translation>Pida a un administrador del sitio que configure el servidor de pedidos.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>set the order store URL and token</source>
        <translation>configure la URL y el token del servidor de pedidos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the order store&apos;s TLS certificate was not accepted ({detail}); check the CA bundle in Settings</source>
        <translation>el certificado TLS del servidor de pedidos no se aceptó ({detail}); revise el paquete de CA en Ajustes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the order store did not answer within {seconds} s</source>
        <translation>el servidor de pedidos no respondió en {seconds} s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot reach the order store at {url} ({detail})</source>
        <translation>no se llega al servidor de pedidos en {url} ({detail})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the order store refused this station&apos;s token ({detail}); enter a valid token in Settings</source>
        <translation>el servidor de pedidos rechazó el token de este puesto ({detail}); introduzca un token válido en Ajustes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the order store has a problem (HTTP {status})</source>
        <translation>el servidor de pedidos tiene un problema (HTTP {status})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the order store answered HTTP {status} unexpectedly</source>
        <translation>el servidor de pedidos respondió HTTP {status} de forma inesperada</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the order store answered with something that is not JSON</source>
        <translation>el servidor de pedidos respondió algo que no es JSON</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the order store&apos;s answer does not follow the contract</source>
        <translation>la respuesta del servidor de pedidos no sigue el contrato</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the order store refused the request ({detail})</source>
        <translation>el servidor de pedidos rechazó la petición ({detail})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the order store sent data this station cannot read ({detail})</source>
        <translation>el servidor de pedidos envió datos que este puesto no puede leer ({detail})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>local problem while syncing: {detail}</source>
        <translation>problema local al sincronizar: {detail}</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Never synced</source>
        <translation>Nunca sincronizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync {time}</source>
        <translation>Última sincronización {time}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Sound off: the sound system did not start</source>
        <translation>Sonido apagado: el sistema de sonido no arrancó</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sound off: no audio output</source>
        <translation>Sonido apagado: sin salida de audio</translation>
    </message>
</context>
<context>
    <name>TaskView</name>
    <message>
        <location filename="../../ui/screens/pick_task.py" line="+218"/>
        <source>Type a code</source>
        <translation>Teclear código</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hand back</source>
        <translation>Devolver</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Short</source>
        <translation>Faltante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>Saltar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set aside</source>
        <translation>Apartar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next order</source>
        <translation>Siguiente pedido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch on a cart</source>
        <translation>Lote en carro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Batch of {n} orders · {order}</source>
        <translation>Lote de {n} pedidos · {order}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Order {order}</source>
        <translation>Pedido {order}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{done} of {total} lines</source>
        <translation>{done} de {total} líneas</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bin</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no bin</source>
        <translation>sin ubicación</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SKU {sku} · line {line}</source>
        <translation>SKU {sku} · línea {line}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped order</source>
        <translation>Pedido detenido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take its tote off the cart.</source>
        <translation>Saque su contenedor del carro.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the items you took for it aside.</source>
        <translation>Aparte los artículos que tomó para él.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing is left to pick here.</source>
        <translation>Aquí no queda nada por preparar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Picked</source>
        <translation>Preparado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} orders</source>
        <translation>{n} pedidos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Totes to packing: {totes}</source>
        <translation>Contenedores a embalaje: {totes}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take it to packing.</source>
        <translation>Llévelo a embalaje.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Take ({ordered} ordered)</source>
        <translation>Tome (pedido: {ordered})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tote</source>
        <translation>Contenedor</translation>
    </message>
</context>
<context>
    <name>Tile</name>
    <message>
        <location filename="../../ui/widgets/tile.py" line="+151"/>
        <source>Not yet available</source>
        <translation>Aún no disponible</translation>
    </message>
</context>
<context>
    <name>WorkView</name>
    <message>
        <location filename="../../ui/screens/pack_views.py" line="+123"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verified</source>
        <translation>Verificado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Left</source>
        <translation>Quedan</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next order</source>
        <translation>Siguiente pedido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Hold</source>
        <translation>Retener</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close package</source>
        <translation>Cerrar bulto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a code</source>
        <translation>Teclear código</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Package {n}: scan each item into the carton.</source>
        <translation>Bulto {n}: escanee cada artículo al meterlo en la caja.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} left</source>
        <translation>quedan {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next scan counts {n}</source>
        <translation>El siguiente escaneo cuenta {n}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Weight off: weigh again, or a supervisor scans their badge.</source>
        <translation>Peso incorrecto: vuelva a pesar, o que un supervisor escanee su tarjeta.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Carton {carton}: put the parcel on the scale, or type grams.</source>
        <translation>Caja {carton}: ponga el bulto en la báscula, o teclee los gramos.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expected
{g} g</source>
        <translation>Esperado
{g} g</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Order {order}</source>
        <translation>Pedido {order}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pack_lines.py" line="+76"/>
        <source>{verified} of {picked}</source>
        <translation>{verified} de {picked}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/pack_views.py" line="+6"/>
        <source>Package {n}</source>
        <translation>Bulto {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print pending.</source>
        <translation>Impresión pendiente.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Labels printing…</source>
        <translation>Imprimiendo etiquetas…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>How many identical items? Type it, then scan ONE of them. {n} left.</source>
        <translation>¿Cuántos artículos iguales? Teclee la cantidad y luego escanee UNO de ellos. Quedan {n}.</translation>
    </message>
</context>
</TS>
