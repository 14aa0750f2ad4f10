/** A NinjaOne device as devices-detailed reports it, flattened to what matching reads. */
export interface NinjaDevice {
  id: number;
  organizationId: number;
  systemName: string;
  dnsName?: string | null;
  /** `system.serialNumber` */
  serialNumber?: string | null;
  /** `system.biosSerialNumber` */
  biosSerialNumber?: string | null;
}
