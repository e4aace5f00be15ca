import { useMe } from '../auth/context';
import ApplicantProfile from './home/ApplicantProfile';
import StaffDashboard from './home/StaffDashboard';

export default function HomePage() {
  const me = useMe();
  return me.kind === 'applicant' ? <ApplicantProfile /> : <StaffDashboard />;
}
